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

/** How a family of routes answers methods it does not serve: the 405 itself, and extra preflight headers. */
export type UnservedMethodAnswers = {
  /** The 405 response; `allowed` is the route's `Allow` value and `message` says what to use instead. */
  refuse(request: Request, allowed: string, message: string): Response;
  /** Headers an `OPTIONS` answer carries besides `Allow` (CORS on `/v1`; none elsewhere). */
  preflightHeaders?(request: Request, allowed: string): Record<string, string>;
};

/**
 * Handlers for every method a route does not serve, each to be exported by the route file: a 405
 * with `Allow` shaped by `answers`, and an `OPTIONS` answering 204 with `Allow` (plus
 * `answers.preflightHeaders`). Without them Next answers an empty 405 without `Allow`, and its
 * automatic `OPTIONS` would advertise the 405 handlers as served methods.
 * `served` lists the route's own methods, e.g. `["PATCH", "DELETE"]`; a served GET implies HEAD.
 */
export function unservedMethodHandlers(
  served: readonly Exclude<ApiRouteMethod, "HEAD" | "OPTIONS">[],
  answers: UnservedMethodAnswers,
): Record<ApiRouteMethod, (request: Request) => Promise<Response>> {
  const allowed = allowHeader(served);
  const refuse = async (request: Request) => answers.refuse(request, allowed, `${request.method} is not allowed on ${new URL(request.url).pathname}; use ${allowed}.`);
  const options = async (request: Request) => new Response(null, { status: 204, headers: { allow: allowed, ...answers.preflightHeaders?.(request, allowed) } });
  return { GET: refuse, HEAD: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse, OPTIONS: options };
}

/**
 * `unservedMethodHandlers` for an `/api` route (or `/openapi.json`): 405 `{"error": {"message"}}`
 * with `Allow`. No CORS headers: the admin and user APIs are same-origin only.
 */
export function otherApiMethodHandlers(served: readonly Exclude<ApiRouteMethod, "HEAD" | "OPTIONS">[]): Record<ApiRouteMethod, (request: Request) => Promise<Response>> {
  return unservedMethodHandlers(served, { refuse: (_request, allowed, message) => apiErrorResponse(405, message, { allow: allowed }) });
}

/** A 404 `{"error": {"message"}}` for an `/api` path no route serves, instead of the HTML not-found page. */
export async function handleUnknownApiPath(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  return apiErrorResponse(404, `Unknown endpoint: ${request.method} ${path}. The admin API is under /api/admin and a user's own under /api/me (see the README).`);
}
