import { routeId, withAdmin } from "@/lib/gateway/route-guards";
import { testCredentialNow } from "@/lib/gateway/admin-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

/** Checks a credential now: a valid token and its quota. */
export const POST = withAdmin<{ params: Promise<{ id: string }> }>(async (_request, runtime, context) =>
  Response.json(await testCredentialNow(runtime, await routeId(context))),
);

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherApiMethodHandlers(["POST"]);
