/** The HTTP methods a route file can export (Next.js App Router). */
export type ApiRouteMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

const allMethods: readonly ApiRouteMethod[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** An error of the admin, user and other `/api` routes: `{"error": {"message"}}` with `status`, the shape of `route-guards`' failures. */
export function apiErrorResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: { message } }, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** The `Allow` value of a route serving `served`: a served GET implies HEAD, and OPTIONS is always answered. */
function allowHeader(served: readonly ApiRouteMethod[]): string {
  const methods = new Set<ApiRouteMethod>([...served, ...(served.includes("GET") ? (["HEAD"] as const) : []), "OPTIONS"]);
  return allMethods.filter((method) => methods.has(method)).join(", ");
}

/**
 * Handlers for every method an `/api` route (or `/openapi.json`) does not serve, each to be
 * exported by the route file: 405 `{"error": {"message"}}` with `Allow`, and an `OPTIONS` answering
 * 204 with `Allow`. Without them Next answers an empty 405 without `Allow`. No CORS headers: the
 * admin and user APIs are same-origin only.
 * `served` lists the route's own methods, e.g. `["PATCH", "DELETE"]`; a served GET implies HEAD.
 * @returns a handler for each method not in `served` (HEAD only when GET is not served either).
 */
export function otherApiMethodHandlers(served: readonly Exclude<ApiRouteMethod, "HEAD" | "OPTIONS">[]): Record<ApiRouteMethod, (request: Request) => Promise<Response>> {
  const allowed = allowHeader(served);
  const refuse = async (request: Request) =>
    apiErrorResponse(405, `${request.method} is not allowed on ${new URL(request.url).pathname}; use ${allowed}.`, { allow: allowed });
  const options = async () => new Response(null, { status: 204, headers: { allow: allowed } });
  return { GET: refuse, HEAD: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse, OPTIONS: options };
}

/** A 404 `{"error": {"message"}}` for an `/api` path no route serves, instead of the HTML not-found page. */
export async function handleUnknownApiPath(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  return apiErrorResponse(404, `Unknown endpoint: ${request.method} ${path}. The admin API is under /api/admin and a user's own under /api/me (see the README).`);
}
