import { withAdmin } from "@/lib/gateway/route-guards";
import { addCredentials, listCredentialsForAdmin } from "@/lib/gateway/admin-api";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

export const dynamic = "force-dynamic";

/** Every credential with its status and figures, never a secret. */
export const GET = withAdmin(async (_request, runtime) => Response.json({ credentials: await listCredentialsForAdmin(runtime) }));

/** Adds one or many credentials (Kiro credentials JSON), each checked by a refresh first: 201 when any was added, else 200. */
export const POST = withAdmin(async (request, runtime) => {
  const summary = await addCredentials(request, runtime);
  return Response.json(summary, { status: summary.added > 0 ? 201 : 200 });
});

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { PUT, PATCH, DELETE, OPTIONS } = otherApiMethodHandlers(["GET", "POST"]);
