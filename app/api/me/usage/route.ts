import { withUser } from "@/lib/gateway/route-guards";
import { usageForUser } from "@/lib/gateway/user-api";

export const dynamic = "force-dynamic";

/** My usage per day, last 30 days. */
export const GET = withUser(async (_request, runtime, _context, user) => Response.json(await usageForUser(runtime, user)));
