import { routeId, withAdmin } from "@/lib/gateway/route-guards";
import { revokeKeyForAdmin } from "@/lib/gateway/admin-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

type Context = { params: Promise<{ id: string }> };

/** Revokes a key. */
export const DELETE = withAdmin<Context>(async (_request, runtime, context) => Response.json(await revokeKeyForAdmin(runtime, await routeId(context))));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherApiMethodHandlers(["DELETE"]);
