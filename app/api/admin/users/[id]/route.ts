import { routeId, withAdmin } from "@/lib/gateway/route-guards";
import { patchUserForAdmin, userDetailsForAdmin } from "@/lib/gateway/admin-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

type Context = { params: Promise<{ id: string }> };

/** One user with their keys, credentials and usage. */
export const GET = withAdmin<Context>(async (_request, runtime, context) => Response.json(await userDetailsForAdmin(runtime, await routeId(context))));

/** Bans or unbans a user (`{status}`). */
export const PATCH = withAdmin<Context>(async (request, runtime, context, caller) => Response.json(await patchUserForAdmin(request, runtime, await routeId(context), caller)));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { POST, PUT, DELETE, OPTIONS } = otherApiMethodHandlers(["GET", "PATCH"]);
