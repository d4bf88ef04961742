import { withUser } from "@/lib/gateway/route-guards";
import { createOwnKey, listOwnKeys } from "@/lib/gateway/user-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

export const dynamic = "force-dynamic";

/** My API keys. */
export const GET = withUser(async (_request, runtime, _context, user) => Response.json({ keys: await listOwnKeys(runtime, user) }));

/** Creates a key, shown whole only in this answer. */
export const POST = withUser(async (request, runtime, _context, user) => Response.json(await createOwnKey(request, runtime, user), { status: 201 }));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
const otherMethods = otherApiMethodHandlers(["GET", "POST"]);
export const PUT = otherMethods.PUT;
export const PATCH = otherMethods.PATCH;
export const DELETE = otherMethods.DELETE;
export const OPTIONS = otherMethods.OPTIONS;
