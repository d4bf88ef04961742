import { routeId, withUser } from "@/lib/gateway/route-guards";
import { deleteOwnCredential, patchOwnCredential } from "@/lib/gateway/user-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

type Context = { params: Promise<{ id: string }> };

/** Pauses, resumes, shares or renames one of my credentials. */
export const PATCH = withUser<Context>(async (request, runtime, context, user) => Response.json(await patchOwnCredential(request, runtime, user, await routeId(context))));

/** Removes one of my credentials. */
export const DELETE = withUser<Context>(async (_request, runtime, context, user) => Response.json(await deleteOwnCredential(runtime, user, await routeId(context))));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
const otherMethods = otherApiMethodHandlers(["PATCH", "DELETE"]);
export const GET = otherMethods.GET;
export const HEAD = otherMethods.HEAD;
export const POST = otherMethods.POST;
export const PUT = otherMethods.PUT;
export const OPTIONS = otherMethods.OPTIONS;
