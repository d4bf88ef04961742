import { withAdmin } from "@/lib/gateway/route-guards";
import { overviewForAdmin } from "@/lib/gateway/admin-api";

export const dynamic = "force-dynamic";

/** Charts and totals of the last hour, day or week (`?window=`). */
export const GET = withAdmin(async (request, runtime) => Response.json(await overviewForAdmin(request, runtime)));
