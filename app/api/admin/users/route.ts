import { withAdmin } from "@/lib/gateway/route-guards";
import { listUsersForAdmin } from "@/lib/gateway/admin-api";

export const dynamic = "force-dynamic";

/** Users (`?search=` over login and name) with their counts. */
export const GET = withAdmin(async (request, runtime) => Response.json({ users: await listUsersForAdmin(request, runtime) }));
