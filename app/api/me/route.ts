import { withUser } from "@/lib/gateway/route-guards";
import { profileForUser } from "@/lib/gateway/user-api";

export const dynamic = "force-dynamic";

/** The signed-in user and the site's announcement. */
export const GET = withUser(async (_request, runtime, _context, user) => Response.json(await profileForUser(runtime, user)));
