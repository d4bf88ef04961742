import { routeId, withUser } from "@/lib/gateway/route-guards";
import { revokeOwnKey } from "@/lib/gateway/user-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

type Context = { params: Promise<{ id: string }> };

/** Revokes one of my keys. */
export const DELETE = withUser<Context>(async (_request, runtime, context, user) => Response.json(await revokeOwnKey(runtime, user, await routeId(context))));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherApiMethodHandlers(["DELETE"]);
