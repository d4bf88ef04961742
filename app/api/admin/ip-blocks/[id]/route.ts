import { routeId, withAdmin } from "@/lib/gateway/route-guards";
import { removeIpBlockForAdmin } from "@/lib/gateway/admin-api";

type Context = { params: Promise<{ id: string }> };

/** Lifts a block. */
export const DELETE = withAdmin<Context>(async (_request, runtime, context) => Response.json(await removeIpBlockForAdmin(runtime, await routeId(context))));
