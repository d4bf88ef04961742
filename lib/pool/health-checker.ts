import { randomUUID } from "node:crypto";
import type { Database } from "@/lib/db/client";
import { getCredentialById, listServingCredentials, setCredentialState } from "@/lib/db/queries/credentials";
import { acquireLease, releaseLease } from "@/lib/db/queries/settings";
import type { Credential, CredentialStatus } from "@/lib/db/schema";
import type { CredentialAccess, CredentialPool } from "./credential-pool";
import { fetchUsageLimits, type UsageLimits, type UsageLimitsError } from "./usage-limits";

/** What one health check found for one credential. */
export type CredentialCheck = { id: number; status: CredentialStatus; quotaRemaining?: number; error?: string };

/** The outcome of a health-check run, or why it did not run. */
export type HealthCheckSummary = { ran: true; checks: CredentialCheck[] } | { ran: false; reason: string };

const leaseKey = "health_check_lease";
const perCredentialLeaseMs = 60 * 1000;
const gapBetweenCredentialsMs = 200;

/** Dependencies of a health check; `fetchLimits` is replaceable in tests. */
export type HealthCheckOptions = {
  database: Database;
  pool: CredentialPool;
  apiBaseUrl: (region: string) => string;
  /** Identifies this process as lease holder. */
  owner?: string;
  now?: () => number;
  fetchLimits?: typeof fetchUsageLimits;
};

/**
 * Checks every credential in service, one at a time: gets it a valid access token (refreshing when
 * due, and always retrying an `invalid` one, which may have come back) and asks Kiro for its quota.
 * Records status, last error, remaining quota and reset date: a credential out of quota rests
 * (`exhausted`) until its reset date; an `invalid` or `exhausted` one that works again returns to
 * `active`; a `suspended` one waits for a person. A quota call refused with 403 gets one forced
 * refresh and a second try first, since Kiro may have forgotten a token that has not expired. Only
 * one instance runs it at a time (a lease in the database).
 */
export async function runHealthCheck(options: HealthCheckOptions): Promise<HealthCheckSummary> {
  const { database } = options;
  const now = options.now ?? Date.now;
  const owner = options.owner ?? randomUUID();
  const fetchLimits = options.fetchLimits ?? fetchUsageLimits;
  const credentials = await listServingCredentials(database);
  const leaseUntil = now() + Math.max(1, credentials.length) * perCredentialLeaseMs;
  if (!(await acquireLease(database, { key: leaseKey, owner, now: now(), until: leaseUntil }))) {
    return { ran: false, reason: "another instance is running the health check" };
  }
  const checks: CredentialCheck[] = [];
  try {
    for (const [index, row] of credentials.entries()) {
      if (index > 0) await new Promise((resolve) => setTimeout(resolve, gapBetweenCredentialsMs));
      checks.push(await checkCredential(row, { ...options, now, fetchLimits }));
    }
  } finally {
    await releaseLease(database, { key: leaseKey, owner });
  }
  return { ran: true, checks };
}

async function checkCredential(row: Credential, options: HealthCheckOptions & { now: () => number; fetchLimits: typeof fetchUsageLimits }): Promise<CredentialCheck> {
  const { database, pool, now } = options;
  let access: CredentialAccess;
  try {
    access = await pool.accessTokenFor(row, { forceRefresh: row.status === "invalid" });
  } catch (error) {
    // The pool has already marked a dead login `invalid`, or kept a transient failure as its last error.
    const latest = await getCredentialById(database, { id: row.id });
    await setCredentialState(database, { id: row.id, values: { lastCheckedAt: now() } });
    return { id: row.id, status: latest?.status ?? row.status, error: (error as Error).message };
  }
  const askLimits = (granted: CredentialAccess) =>
    options.fetchLimits({
      apiBaseUrl: options.apiBaseUrl(granted.credential.apiRegion),
      accessToken: granted.accessToken,
      machineId: granted.credential.machineId,
      profileArn: granted.credential.kind === "social" ? (granted.credential.profileArn ?? undefined) : undefined,
    });
  let limits: UsageLimits | undefined;
  try {
    try {
      limits = await askLimits(access);
    } catch (error) {
      // Kiro forgot a token that has not expired yet (revoked, or issued before an upstream reset):
      // one forced refresh, as a chat request would do, before calling the credential failing.
      // By name, not instanceof: a bundler may load the module twice.
      if (!(error instanceof Error && error.name === "UsageLimitsError" && (error as UsageLimitsError).status === 403)) throw error;
      access = await pool.accessTokenFor(access.credential, { forceRefresh: true, rejectedAccessToken: access.accessToken });
      limits = await askLimits(access);
    }
  } catch (error) {
    const latest = await getCredentialById(database, { id: row.id });
    await setCredentialState(database, { id: row.id, values: { lastCheckedAt: now(), lastError: (error as Error).message } });
    return { id: row.id, status: latest?.status ?? access.credential.status, error: (error as Error).message };
  }
  const current = access.credential;
  let status: CredentialStatus = current.status;
  let availableAt = current.availableAt;
  if (limits && limits.remaining <= 0 && status !== "suspended") {
    status = "exhausted";
    availableAt = limits.resetsAt ?? now() + 60 * 60 * 1000;
  } else if (status === "invalid" || (status === "exhausted" && limits && limits.remaining > 0)) {
    status = "active";
    availableAt = null;
  }
  await setCredentialState(database, {
    id: row.id,
    values: {
      status,
      availableAt,
      lastCheckedAt: now(),
      ...(status === "active" ? { lastError: null } : {}),
      ...(limits ? { quotaRemaining: limits.remaining, quotaLimit: limits.limit, quotaResetsAt: limits.resetsAt ?? null } : {}),
    },
  });
  return { id: row.id, status, quotaRemaining: limits?.remaining };
}
