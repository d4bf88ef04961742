import { withUser } from "@/lib/gateway/route-guards";
import { donateCredentials, listOwnCredentials } from "@/lib/gateway/user-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

export const dynamic = "force-dynamic";

/** The Kiro accounts I donated. */
export const GET = withUser(async (_request, runtime, _context, user) => Response.json({ credentials: await listOwnCredentials(runtime, user) }));

/** Donates Kiro accounts, each checked by a refresh first. */
export const POST = withUser(async (request, runtime, _context, user) => Response.json(await donateCredentials(request, runtime, user)));

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { PUT, PATCH, DELETE, OPTIONS } = otherApiMethodHandlers(["GET", "POST"]);
