import { withAdmin } from "@/lib/gateway/route-guards";
import { listKeysForAdmin } from "@/lib/gateway/admin-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

export const dynamic = "force-dynamic";

/** Every API key (prefix, owner, dates; never the key or its hash). */
export const GET = withAdmin(async (_request, runtime) => Response.json({ keys: await listKeysForAdmin(runtime) }));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
const otherMethods = otherApiMethodHandlers(["GET"]);
export const POST = otherMethods.POST;
export const PUT = otherMethods.PUT;
export const PATCH = otherMethods.PATCH;
export const DELETE = otherMethods.DELETE;
export const OPTIONS = otherMethods.OPTIONS;
