import { routeId, withAdmin } from "@/lib/gateway/route-guards";
import { refreshCredentialNow } from "@/lib/gateway/admin-api";

/** Refreshes a credential's access token now. */
export const POST = withAdmin<{ params: Promise<{ id: string }> }>(async (_request, runtime, context) =>
  Response.json(await refreshCredentialNow(runtime, await routeId(context))),
);
