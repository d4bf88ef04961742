import { countCredentials } from "@/lib/db/queries/credentials";
import { usageBuckets } from "@/lib/db/queries/request-records";
import packageJson from "@/package.json";
import type { GatewayRuntime } from "./gateway-runtime";

/**
 * What anyone may see of the gateway's health (landing page and `/status`): status, version,
 * uptime (s), the pool's counts by status, and the last hour's requests, success rate and average
 * latency (ms). No names, owners, addresses or secrets.
 */
export async function publicStatus(runtime: GatewayRuntime) {
  const now = Date.now();
  const [credentials, lastHour] = await Promise.all([countCredentials(runtime.database), usageBuckets(runtime.database, { since: now - 3_600_000, until: now, bucketMs: 3_600_000 })]);
  const requests = lastHour.reduce((sum, bucket) => sum + bucket.requests, 0);
  const failures = lastHour.reduce((sum, bucket) => sum + bucket.failures, 0);
  const latencyWeighted = lastHour.reduce((sum, bucket) => sum + bucket.averageLatencyMs * bucket.requests, 0);
  return {
    status: credentials.usable > 0 ? ("ok" as const) : ("degraded" as const),
    version: packageJson.version,
    uptimeSeconds: Math.round(process.uptime()),
    pool: { total: credentials.total, usable: credentials.usable, byStatus: credentials.byStatus },
    lastHour: { requests, successRate: requests ? (requests - failures) / requests : null, averageLatencyMs: requests ? Math.round(latencyWeighted / requests) : null },
  };
}

/** The shape of `publicStatus`. */
export type PublicStatus = Awaited<ReturnType<typeof publicStatus>>;
