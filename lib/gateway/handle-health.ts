import { bearerToken, matchesSecret } from "@/lib/auth/secret-comparison";
import packageJson from "@/package.json";
import { countCredentials } from "@/lib/db/queries/credentials";
import { getGatewayRuntime } from "./gateway-runtime";
import { logger } from "./logger";
import { runHealthCheckNow } from "./start-gateway";

/**
 * `GET /health`: `{status, version, database: {reachable}, credentials: {total, usable, byStatus},
 * pool: {strategy, inFlight}}` — no secrets and no key needed, so container and uptime checks can use
 * it. `usable` counts credentials that can serve someone now (enabled, active or past a cooldown,
 * and public or private to an owner). `status` is `ok` with a usable credential, `degraded` without
 * one (requests would get 429 or 503), `error` (HTTP 503) when the configuration or database is broken.
 */
export async function handleHealth(): Promise<Response> {
  const headers = { "cache-control": "no-store" };
  try {
    const runtime = await getGatewayRuntime();
    const { total, usable, byStatus } = await countCredentials(runtime.database);
    const credentials = { total, usable, byStatus };
    const inFlight = [...runtime.pool.inFlightByCredential().values()].reduce((sum, count) => sum + count, 0);
    return Response.json(
      {
        status: credentials.usable > 0 ? "ok" : "degraded",
        version: packageJson.version,
        database: { reachable: true },
        credentials,
        pool: { strategy: await runtime.pool.strategy(), inFlight },
      },
      { headers },
    );
  } catch (error) {
    logger.error(`health check failed: ${error instanceof Error ? error.message : String(error)}`);
    return Response.json(
      { status: "error", version: packageJson.version, database: { reachable: false }, credentials: { total: 0, usable: 0, byStatus: {} } },
      { status: 503, headers },
    );
  }
}

/**
 * `GET /api/cron/health`: runs the pool's health check once, for platforms where nothing runs
 * between requests (Vercel Cron sends `Authorization: Bearer CRON_SECRET`).
 */
export async function handleHealthCron(request: Request): Promise<Response> {
  const runtime = await getGatewayRuntime();
  const secret = runtime.environment.CRON_SECRET;
  if (!secret) return Response.json({ error: { message: "The cron route is off: set CRON_SECRET." } }, { status: 503 });
  if (!matchesSecret(bearerToken(request.headers) ?? "", secret)) return Response.json({ error: { message: "Wrong or missing cron secret." } }, { status: 401 });
  return Response.json(await runHealthCheckNow(runtime));
}
