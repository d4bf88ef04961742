import { getGatewayRuntime, type GatewayRuntime } from "@/lib/gateway/gateway-runtime";
import { logger } from "@/lib/gateway/logger";
import { auth, type SessionUser } from "./auth";
import { bearerToken, matchesSecret } from "./secret-comparison";

/** A failure of a dashboard or admin API call: an HTTP status and a message safe to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Who is calling an admin route: a script with `ADMIN_API_KEY`, or a signed-in admin. */
export type AdminCaller = { kind: "admin-key" } | { kind: "session"; user: SessionUser };

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a cookie-authenticated request that changes state really comes from our own pages
 * (spec §6.3, §8.5): the browser's `Sec-Fetch-Site` must not say cross-site, and `Origin` (or,
 * failing that, `Referer`) must name this host. A request carrying neither is refused, since every
 * browser that sends cookies on a cross-site POST also sends `Origin`.
 */
export function isSameOriginRequest(request: Request): boolean {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return false;
  const source = request.headers.get("origin") ?? request.headers.get("referer");
  if (!source || source === "null") return false;
  // The host the browser connected to: `Host`, or the proxy's `X-Forwarded-Host` (which KiroGate's
  // server drops unless the proxy is trusted). Not `request.url`, which Next may rebuild as localhost.
  const hosts = [request.headers.get("x-forwarded-host")?.split(",")[0], request.headers.get("host")].map((host) => host?.trim().toLowerCase()).filter(Boolean);
  try {
    return hosts.includes(new URL(source).host);
  } catch {
    return false;
  }
}

/**
 * The signed-in user of a request, re-read from the database (a ban ends the session at once).
 * For a method that changes state, the request must also be same-origin.
 * @throws ApiError 401 without a session, 403 for a cross-site request.
 */
export async function requireSessionUser(request: Request): Promise<SessionUser> {
  const session = await auth();
  const user = session?.gatewayUser;
  if (!user) throw new ApiError(401, "Sign in first.");
  if (!safeMethods.has(request.method) && !isSameOriginRequest(request)) throw new ApiError(403, "Cross-site request refused.");
  return user;
}

function failureResponse(error: unknown): Response {
  if (error instanceof Error && error.name === "ApiError") return Response.json({ error: { message: error.message } }, { status: (error as ApiError).status });
  if (error instanceof Error && error.name === "LlmError") return Response.json({ error: { message: error.message } }, { status: (error as Error & { status: number }).status });
  logger.error(`dashboard or admin request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return Response.json({ error: { message: "Internal error." } }, { status: 500 });
}

/**
 * Wraps an admin route. Authorisation happens here, inside the handler: either
 * `Authorization: Bearer ADMIN_API_KEY` (constant time; for scripts, so no forgery check), or the
 * session of an admin (`ADMIN_GITHUB_LOGINS` or the password operator), same-origin for changes.
 * Failures are `{"error": {"message"}}` with their status: 401 no caller, 403 not an admin or cross-site.
 */
export function withAdmin<Context>(handler: (request: Request, runtime: GatewayRuntime, context: Context, caller: AdminCaller) => Promise<Response>) {
  return async (request: Request, context: Context): Promise<Response> => {
    try {
      const runtime = await getGatewayRuntime();
      const key = bearerToken(request.headers);
      if (key !== undefined) {
        const adminKey = runtime.environment.ADMIN_API_KEY;
        if (!adminKey) throw new ApiError(401, "The admin API key is off: set ADMIN_API_KEY in .env, or sign in as an admin.");
        if (!matchesSecret(key, adminKey)) throw new ApiError(401, "Wrong admin key (Authorization: Bearer ADMIN_API_KEY).");
        return await handler(request, runtime, context, { kind: "admin-key" });
      }
      const user = await requireSessionUser(request).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) throw new ApiError(401, "Sign in as an admin, or send Authorization: Bearer ADMIN_API_KEY.");
        throw error;
      });
      if (user.role !== "admin") throw new ApiError(403, "Admins only.");
      return await handler(request, runtime, context, { kind: "session", user });
    } catch (error) {
      return failureResponse(error);
    }
  };
}

/**
 * Wraps a route of the signed-in user's own dashboard API: a session is required, and changes must
 * be same-origin. The handler gets the user and must touch only that user's rows.
 * Failures are `{"error": {"message"}}`: 401 not signed in, 403 cross-site.
 */
export function withUser<Context>(handler: (request: Request, runtime: GatewayRuntime, context: Context, user: SessionUser) => Promise<Response>) {
  return async (request: Request, context: Context): Promise<Response> => {
    try {
      const runtime = await getGatewayRuntime();
      const user = await requireSessionUser(request);
      return await handler(request, runtime, context, user);
    } catch (error) {
      return failureResponse(error);
    }
  };
}
