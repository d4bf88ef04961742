import { withAdmin } from "@/lib/gateway/route-guards";
import { listUsersForAdmin } from "@/lib/gateway/admin-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

export const dynamic = "force-dynamic";

/** Users (`?search=` over login and name) with their counts. */
export const GET = withAdmin(async (request, runtime) => Response.json({ users: await listUsersForAdmin(request, runtime) }));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherApiMethodHandlers(["GET"]);
