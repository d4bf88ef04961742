import packageJson from "@/package.json";
import { countCredentials } from "@/lib/db/queries/credentials";
import { getGatewayRuntime } from "./gateway-runtime";
import { logger } from "./logger";

/**
 * `GET /health`: `{status, version, database: {reachable}, credentials: {usable, total}}`, no
 * secrets and no key needed, so container and uptime checks can use it. `status` is `ok` with a
 * usable credential, `degraded` without one (requests would get 503), `error` (HTTP 503) when the
 * configuration or database is broken.
 */
export async function handleHealth(): Promise<Response> {
  const headers = { "cache-control": "no-store" };
  try {
    const runtime = await getGatewayRuntime();
    const credentials = await countCredentials(runtime.database);
    return Response.json(
      {
        status: credentials.usable > 0 ? "ok" : "degraded",
        version: packageJson.version,
        database: { reachable: true },
        credentials,
      },
      { headers },
    );
  } catch (error) {
    logger.error(`health check failed: ${error instanceof Error ? error.message : String(error)}`);
    return Response.json(
      { status: "error", version: packageJson.version, database: { reachable: false }, credentials: { usable: 0, total: 0 } },
      { status: 503, headers },
    );
  }
}
