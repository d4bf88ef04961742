import { routeId, withUser } from "@/lib/gateway/route-guards";
import { revokeOwnKey } from "@/lib/gateway/user-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

type Context = { params: Promise<{ id: string }> };

/** Revokes one of my keys. */
export const DELETE = withUser<Context>(async (_request, runtime, context, user) => Response.json(await revokeOwnKey(runtime, user, await routeId(context))));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
const otherMethods = otherApiMethodHandlers(["DELETE"]);
export const GET = otherMethods.GET;
export const HEAD = otherMethods.HEAD;
export const POST = otherMethods.POST;
export const PUT = otherMethods.PUT;
export const PATCH = otherMethods.PATCH;
export const OPTIONS = otherMethods.OPTIONS;
