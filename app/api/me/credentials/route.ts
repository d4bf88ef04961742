import { withUser } from "@/lib/gateway/route-guards";
import { donateCredentials, listOwnCredentials } from "@/lib/gateway/user-api";

export const dynamic = "force-dynamic";

/** The Kiro accounts I donated. */
export const GET = withUser(async (_request, runtime, _context, user) => Response.json({ credentials: await listOwnCredentials(runtime, user) }));

/** Donates Kiro accounts, each checked by a refresh first. */
export const POST = withUser(async (request, runtime, _context, user) => Response.json(await donateCredentials(request, runtime, user)));
