import { routeId, withAdmin } from "@/lib/gateway/route-guards";
import { testCredentialNow } from "@/lib/gateway/admin-api";

/** Checks a credential now: a valid token and its quota. */
export const POST = withAdmin<{ params: Promise<{ id: string }> }>(async (_request, runtime, context) =>
  Response.json(await testCredentialNow(runtime, await routeId(context))),
);
