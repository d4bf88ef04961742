import { withAdmin } from "@/lib/gateway/route-guards";
import { readSettings, updateSettings } from "@/lib/gateway/admin-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

export const dynamic = "force-dynamic";

/** The settings shared by every instance. */
export const GET = withAdmin(async (_request, runtime) => Response.json(await readSettings(runtime)));

/** Changes settings (the allocation strategy) without a restart. */
export const PATCH = withAdmin(async (request, runtime) => Response.json(await updateSettings(request, runtime)));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { POST, PUT, DELETE, OPTIONS } = otherApiMethodHandlers(["GET", "PATCH"]);
