import { withAdmin } from "@/lib/gateway/route-guards";
import { readRecords } from "@/lib/gateway/admin-api";

export const dynamic = "force-dynamic";

/** The latest request records (`?limit=`, `?credentialId=`, `?debug=1` for kept bodies). */
export const GET = withAdmin(async (request, runtime) => Response.json({ records: await readRecords(request, runtime) }));
