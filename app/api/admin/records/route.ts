import { withAdmin } from "@/lib/gateway/route-guards";
import { readRecords } from "@/lib/gateway/admin-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

export const dynamic = "force-dynamic";

/** The latest request records (`?limit=`, `?credentialId=`, `?debug=1` for kept bodies). */
export const GET = withAdmin(async (request, runtime) => Response.json({ records: await readRecords(request, runtime) }));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherApiMethodHandlers(["GET"]);
