import { routeId, withUser } from "@/lib/gateway/route-guards";
import { testOwnCredential } from "@/lib/gateway/user-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

type Context = { params: Promise<{ id: string }> };

/** Checks one of my credentials with Kiro now (refresh if due, then its quota). */
export const POST = withUser<Context>(async (_request, runtime, context, user) => Response.json(await testOwnCredential(runtime, user, await routeId(context))));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
const otherMethods = otherApiMethodHandlers(["POST"]);
export const GET = otherMethods.GET;
export const HEAD = otherMethods.HEAD;
export const PUT = otherMethods.PUT;
export const PATCH = otherMethods.PATCH;
export const DELETE = otherMethods.DELETE;
export const OPTIONS = otherMethods.OPTIONS;
