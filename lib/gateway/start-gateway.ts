import { kiroApiBaseUrl } from "@/lib/env";
import { runHealthCheck } from "@/lib/pool/health-checker";
import { getGatewayRuntime, type GatewayRuntime } from "./gateway-runtime";
import { logger } from "./logger";

// How long a stopping process waits (ms) for running requests before writing its records and exiting.
const drainTimeoutMs = 25_000;

/**
 * Prepares the gateway when the server starts; a bad configuration or unreachable database ends
 * the process with the reason, rather than failing every request later. Then starts the health
 * checker (every `TOKEN_HEALTH_CHECK_INTERVAL` seconds) and makes sure request records are written
 * before the process stops.
 */
export async function startGateway(): Promise<void> {
  let runtime: GatewayRuntime;
  try {
    runtime = await getGatewayRuntime();
  } catch (error) {
    logger.error(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  scheduleHealthChecks(runtime);
  handleShutdown(runtime);
}

/** Runs the health check of the whole pool on an interval (0 turns it off; Vercel uses the cron route instead). */
export function scheduleHealthChecks(runtime: GatewayRuntime): void {
  const intervalSeconds = runtime.environment.TOKEN_HEALTH_CHECK_INTERVAL;
  if (intervalSeconds <= 0) return;
  const timer = setInterval(() => {
    runHealthCheckNow(runtime).catch((error: unknown) => logger.error(`health check failed: ${(error as Error).message}`));
  }, intervalSeconds * 1000);
  timer.unref();
}

/** One health check of the pool now (the interval and the cron route both call it). */
export function runHealthCheckNow(runtime: GatewayRuntime) {
  return runHealthCheck({ database: runtime.database, pool: runtime.pool, apiBaseUrl: (region) => kiroApiBaseUrl(runtime.environment, region) });
}

function handleShutdown(runtime: GatewayRuntime): void {
  // Under KiroGate's own server (server.ts) the server calls this on SIGTERM/SIGINT, after it stopped
  // accepting connections: running requests finish, new ones are turned away, every record is written.
  (globalThis as { kiroGatewayShutdown?: () => Promise<void> }).kiroGatewayShutdown = async () => {
    runtime.draining = true;
    runtime.recorder.writeImmediately();
    const deadline = Date.now() + drainTimeoutMs;
    while (runtime.activeRequests > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await runtime.recorder.flush();
  };
  // Under `next start` or `next dev`, Next.js exits by itself; records are then at least written the
  // moment they are made.
  if (!process.env.KIROGATE_SERVER) {
    process.on("SIGTERM", () => runtime.recorder.writeImmediately());
    process.on("SIGINT", () => runtime.recorder.writeImmediately());
  }
}
