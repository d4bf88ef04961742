import { getGatewayRuntime, type GatewayRuntime } from "./gateway-runtime";
import { logger } from "./logger";
import type { SessionUser } from "@/lib/auth/auth";
import { currentUser } from "./sign-in";
import { isSameOriginRequest } from "@/lib/auth/same-origin";
import { bearerToken, matchesSecret } from "@/lib/auth/secret-comparison";

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
 * The signed-in user of a request, re-read from the database (a ban ends the session at once).
 * For a method that changes state, the request must also be same-origin.
 * @throws ApiError 401 without a session, 403 for a cross-site request.
 */
export async function requireSessionUser(request: Request): Promise<SessionUser> {
  const user = await currentUser();
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

/**
 * The `{id}` of a route: a positive whole number in plain decimal (`7`, not `0x7`, `7.0` or `1e0`).
 * @throws ApiError 400 otherwise.
 */
export async function routeId(context: { params: Promise<{ id: string }> }): Promise<number> {
  const text = (await context.params).id;
  if (!/^[1-9]\d{0,15}$/.test(text)) throw new ApiError(400, `'${text.slice(0, 40)}' is not an id (a positive whole number).`);
  return Number(text);
}
