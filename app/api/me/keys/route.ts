import { withUser } from "@/lib/gateway/route-guards";
import { createOwnKey, listOwnKeys } from "@/lib/gateway/user-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

export const dynamic = "force-dynamic";

/** My API keys. */
export const GET = withUser(async (_request, runtime, _context, user) => Response.json({ keys: await listOwnKeys(runtime, user) }));

/** Creates a key, shown whole only in this answer. */
export const POST = withUser(async (request, runtime, _context, user) => Response.json(await createOwnKey(request, runtime, user), { status: 201 }));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { PUT, PATCH, DELETE, OPTIONS } = otherApiMethodHandlers(["GET", "POST"]);
