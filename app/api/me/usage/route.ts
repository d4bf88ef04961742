import { withUser } from "@/lib/gateway/route-guards";
import { usageForUser } from "@/lib/gateway/user-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

export const dynamic = "force-dynamic";

/** My usage per day, last 30 days. */
export const GET = withUser(async (_request, runtime, _context, user) => Response.json(await usageForUser(runtime, user)));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherApiMethodHandlers(["GET"]);
