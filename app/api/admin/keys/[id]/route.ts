import { routeId, withAdmin } from "@/lib/gateway/route-guards";
import { revokeKeyForAdmin } from "@/lib/gateway/admin-api";

type Context = { params: Promise<{ id: string }> };

/** Revokes a key. */
export const DELETE = withAdmin<Context>(async (_request, runtime, context) => Response.json(await revokeKeyForAdmin(runtime, await routeId(context))));
