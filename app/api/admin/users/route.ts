import { withAdmin } from "@/lib/gateway/route-guards";
import { listUsersForAdmin } from "@/lib/gateway/admin-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

export const dynamic = "force-dynamic";

/** Users (`?search=` over login and name) with their counts. */
export const GET = withAdmin(async (request, runtime) => Response.json({ users: await listUsersForAdmin(request, runtime) }));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
const otherMethods = otherApiMethodHandlers(["GET"]);
export const POST = otherMethods.POST;
export const PUT = otherMethods.PUT;
export const PATCH = otherMethods.PATCH;
export const DELETE = otherMethods.DELETE;
export const OPTIONS = otherMethods.OPTIONS;
