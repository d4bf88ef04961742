import { routeId, withAdmin } from "@/lib/gateway/route-guards";
import { refreshCredentialNow } from "@/lib/gateway/admin-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

/** Refreshes a credential's access token now. */
export const POST = withAdmin<{ params: Promise<{ id: string }> }>(async (_request, runtime, context) =>
  Response.json(await refreshCredentialNow(runtime, await routeId(context))),
);

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
const otherMethods = otherApiMethodHandlers(["POST"]);
export const GET = otherMethods.GET;
export const HEAD = otherMethods.HEAD;
export const PUT = otherMethods.PUT;
export const PATCH = otherMethods.PATCH;
export const DELETE = otherMethods.DELETE;
export const OPTIONS = otherMethods.OPTIONS;
