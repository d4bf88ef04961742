import { withAdmin } from "@/lib/gateway/route-guards";
import { addIpBlockForAdmin, listIpBlocksForAdmin } from "@/lib/gateway/admin-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

export const dynamic = "force-dynamic";

/** The IP blocklist. */
export const GET = withAdmin(async (_request, runtime) => Response.json({ blocks: await listIpBlocksForAdmin(runtime) }));

/** Blocks an address or CIDR range (`{range, note?}`). */
export const POST = withAdmin(async (request, runtime) => Response.json(await addIpBlockForAdmin(request, runtime), { status: 201 }));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { PUT, PATCH, DELETE, OPTIONS } = otherApiMethodHandlers(["GET", "POST"]);
