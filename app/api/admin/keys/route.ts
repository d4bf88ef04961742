import { withAdmin } from "@/lib/gateway/route-guards";
import { listKeysForAdmin } from "@/lib/gateway/admin-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

export const dynamic = "force-dynamic";

/** Every API key (prefix, owner, dates; never the key or its hash). */
export const GET = withAdmin(async (_request, runtime) => Response.json({ keys: await listKeysForAdmin(runtime) }));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherApiMethodHandlers(["GET"]);
