import { routeId, withUser } from "@/lib/gateway/route-guards";
import { testOwnCredential } from "@/lib/gateway/user-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

type Context = { params: Promise<{ id: string }> };

/** Checks one of my credentials with Kiro now (refresh if due, then its quota). */
export const POST = withUser<Context>(async (_request, runtime, context, user) => Response.json(await testOwnCredential(runtime, user, await routeId(context))));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherApiMethodHandlers(["POST"]);
