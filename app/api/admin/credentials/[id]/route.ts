import { withAdmin } from "@/lib/gateway/route-guards";
import { patchCredential, removeCredential } from "@/lib/gateway/admin-api";

type Context = { params: Promise<{ id: string }> };

/** Enables, disables, renames, or returns a credential to `active`. */
export const PATCH = withAdmin<Context>(async (request, runtime, context) => Response.json(await patchCredential(request, runtime, Number((await context.params).id))));

/** Deletes a credential. */
export const DELETE = withAdmin<Context>(async (_request, runtime, context) => Response.json(await removeCredential(runtime, Number((await context.params).id))));
