import { withAdmin } from "@/lib/gateway/route-guards";
import { listKeysForAdmin } from "@/lib/gateway/admin-api";

export const dynamic = "force-dynamic";

/** Every API key (prefix, owner, dates; never the key or its hash). */
export const GET = withAdmin(async (_request, runtime) => Response.json({ keys: await listKeysForAdmin(runtime) }));
