import { withUser } from "@/lib/gateway/route-guards";
import { createOwnKey, listOwnKeys } from "@/lib/gateway/user-api";

export const dynamic = "force-dynamic";

/** My API keys. */
export const GET = withUser(async (_request, runtime, _context, user) => Response.json({ keys: await listOwnKeys(runtime, user) }));

/** Creates a key, shown whole only in this answer. */
export const POST = withUser(async (request, runtime, _context, user) => Response.json(await createOwnKey(request, runtime, user), { status: 201 }));
