import { routeId, withAdmin } from "@/lib/gateway/route-guards";
import { patchCredential, removeCredential } from "@/lib/gateway/admin-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

type Context = { params: Promise<{ id: string }> };

/** Enables, disables, renames, or returns a credential to `active`. */
export const PATCH = withAdmin<Context>(async (request, runtime, context) => Response.json(await patchCredential(request, runtime, await routeId(context))));

/** Deletes a credential. */
export const DELETE = withAdmin<Context>(async (_request, runtime, context) => Response.json(await removeCredential(runtime, await routeId(context))));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { GET, HEAD, POST, PUT, OPTIONS } = otherApiMethodHandlers(["PATCH", "DELETE"]);
