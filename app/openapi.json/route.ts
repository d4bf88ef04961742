import { getGatewayRuntime } from "@/lib/gateway/gateway-runtime";
import { buildOpenApiDocument } from "@/lib/gateway/openapi";
import { publicBaseUrl } from "@/lib/gateway/page-session";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of `/v1`, with this gateway's live base URL as its server. */
export async function GET(): Promise<Response> {
  const [runtime, serverUrl] = await Promise.all([getGatewayRuntime(), publicBaseUrl()]);
  return Response.json(buildOpenApiDocument({ serverUrl, siteName: runtime.environment.SITE_NAME }), { headers: { "access-control-allow-origin": "*" } });
}

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherApiMethodHandlers(["GET"]);
