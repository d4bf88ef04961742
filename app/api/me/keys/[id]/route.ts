import { routeId, withUser } from "@/lib/gateway/route-guards";
import { revokeOwnKey } from "@/lib/gateway/user-api";

type Context = { params: Promise<{ id: string }> };

/** Revokes one of my keys. */
export const DELETE = withUser<Context>(async (_request, runtime, context, user) => Response.json(await revokeOwnKey(runtime, user, await routeId(context))));
