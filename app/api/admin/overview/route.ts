import { withAdmin } from "@/lib/gateway/route-guards";
import { overviewForAdmin } from "@/lib/gateway/admin-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

export const dynamic = "force-dynamic";

/** Charts and totals of the last hour, day or week (`?window=`). */
export const GET = withAdmin(async (request, runtime) => Response.json(await overviewForAdmin(request, runtime)));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherApiMethodHandlers(["GET"]);
