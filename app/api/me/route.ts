import { withUser } from "@/lib/gateway/route-guards";
import { profileForUser } from "@/lib/gateway/user-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

export const dynamic = "force-dynamic";

/** The signed-in user and the site's announcement. */
export const GET = withUser(async (_request, runtime, _context, user) => Response.json(await profileForUser(runtime, user)));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
const otherMethods = otherApiMethodHandlers(["GET"]);
export const POST = otherMethods.POST;
export const PUT = otherMethods.PUT;
export const PATCH = otherMethods.PATCH;
export const DELETE = otherMethods.DELETE;
export const OPTIONS = otherMethods.OPTIONS;
