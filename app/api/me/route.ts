import { withUser } from "@/lib/gateway/route-guards";
import { profileForUser } from "@/lib/gateway/user-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

export const dynamic = "force-dynamic";

/** The signed-in user and the site's announcement. */
export const GET = withUser(async (_request, runtime, _context, user) => Response.json(await profileForUser(runtime, user)));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherApiMethodHandlers(["GET"]);
