import { routeId, withUser } from "@/lib/gateway/route-guards";
import { deleteOwnCredential, patchOwnCredential } from "@/lib/gateway/user-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

type Context = { params: Promise<{ id: string }> };

/** Pauses, resumes, shares or renames one of my credentials. */
export const PATCH = withUser<Context>(async (request, runtime, context, user) => Response.json(await patchOwnCredential(request, runtime, user, await routeId(context))));

/** Removes one of my credentials. */
export const DELETE = withUser<Context>(async (_request, runtime, context, user) => Response.json(await deleteOwnCredential(runtime, user, await routeId(context))));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { GET, HEAD, POST, PUT, OPTIONS } = otherApiMethodHandlers(["PATCH", "DELETE"]);
