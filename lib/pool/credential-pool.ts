import { randomUUID } from "node:crypto";
import type { Database } from "@/lib/db/client";
import {
  acquireRefreshLease,
  getCredentialById,
  listServingCredentials,
  releaseRefreshLease,
  setCredentialState,
  setCredentialStateIfRefreshToken,
  updateCredentialIfVersion,
} from "@/lib/db/queries/credentials";
import { deleteSetting, getSetting, incrementCounter, setSetting } from "@/lib/db/queries/settings";
import type { Credential } from "@/lib/db/schema";
import { allocationStrategies, chooseByScore, chooseRoundRobin, chooseSequential, type AllocationCandidate, type AllocationStrategy } from "./allocation-strategy";
import { CredentialRefreshError, refreshAccessToken, type RefreshRequest, type TokenGrant } from "./refresh-access-token";
import { hashSecret, type SecretBox } from "./secret-box";

/** Refresh this long before expiry (ms), so no request starts with a token about to lapse. */
export const refreshAheadMs = 5 * 60 * 1000;
// Kiro's `expiresIn` is trimmed by this much (ms) before it is stored (spec §4.4).
const expirySafetyMarginMs = 60 * 1000;
/**
 * How long a refresh lease lasts (ms) and how often (ms) its holder renews it while its refresh runs.
 * A refresh with its retries can take longer than one term (three 30 s attempts), so the holder keeps
 * renewing; a crashed holder stops renewing and its lease lapses after `durationMs`.
 */
export type RefreshLeaseTiming = { durationMs: number; renewEveryMs: number };
// Three renewals per term: two may fail (a busy database) before the lease lapses under a live refresh.
const defaultRefreshLease: RefreshLeaseTiming = { durationMs: 30 * 1000, renewEveryMs: 10 * 1000 };
const refreshLeasePollMs = 100;
// Refreshes of one call: the first, plus retries with newer tokens another instance stored meanwhile.
const maximumRefreshRounds = 3;
// How long a request waits (ms) for a free slot when every usable credential is at its concurrency limit.
const slotWaitMs = 30 * 1000;
// Strategy changes from another instance are picked up within this long (ms).
const strategyCacheMs = 2000;

const strategySettingKey = "allocation_strategy";
const roundRobinCursorKey = "round_robin_cursor";
const sequentialCurrentKey = "sequential_current_credential";

/** Where refreshes go for a credential's auth region. */
export type RefreshEndpoints = { socialBaseUrl(region: string): string; oidcBaseUrl(region: string): string };

/** Dependencies of the pool; `now` (epoch ms) and `refresh` are replaceable in tests. */
export type CredentialPoolOptions = {
  database: Database;
  secretBox: SecretBox;
  endpoints: RefreshEndpoints;
  /** The strategy when the admin has not stored one (`TOKEN_ALLOCATION_STRATEGY`). */
  defaultStrategy?: AllocationStrategy;
  /** `MAX_CONCURRENT_PER_CREDENTIAL`: requests one credential serves at once in this process. */
  maximumConcurrent?: number;
  now?: () => number;
  refresh?: (request: RefreshRequest) => Promise<TokenGrant>;
  /** Called after a rotated refresh token has been saved (e.g. to write it back to KIRO_CREDS_FILE). */
  onRefreshTokenRotated?: (credential: Credential, previousRefreshToken: string, grant: TokenGrant) => Promise<void>;
  /** Refresh lease timing (default: a 30 s lease renewed every 10 s). */
  refreshLease?: RefreshLeaseTiming;
};

/** A usable access token and the credential row it belongs to. */
export type CredentialAccess = { credential: Credential; accessToken: string };

/**
 * Which credentials a request may use: every public one, the operator's and donated (the proxy
 * key), or a user's (their own, public or private, first; then the public pool unless `ownOnly`,
 * the admin's self-use-only switch).
 */
export type PoolScope = { kind: "all" } | { kind: "user"; userId: number; ownOnly: boolean };

/**
 * The outcome of asking the pool for a credential: one (with `release`, which frees its slot), or
 * why there is none: all usable ones are cooling down (`retryAfterMs` until the first is back),
 * all are busy, or none is usable at all.
 */
export type PoolAcquisition =
  | { kind: "credential"; credential: Credential; release: () => void }
  | { kind: "cooling"; retryAfterMs: number }
  | { kind: "busy" }
  | { kind: "none" };

/**
 * The pool of Kiro credentials, shared through the database by every instance: status,
 * cooldowns, cursors and refresh leases live in rows, so several processes act as one pool.
 * It picks a usable credential with the configured strategy and hands out access tokens,
 * refreshing them ahead of expiry — once per credential at a time, within a process (single
 * flight) and across processes (a lease on the row, renewed for as long as the refresh runs and
 * released only by its holder) — and saves a rotated refresh token in the same compare-and-swap
 * write as the new access token, before using it. A refused refresh token marks the credential
 * `invalid` only while the row still holds that token.
 */
export class CredentialPool {
  private readonly refreshes = new Map<number, Promise<CredentialAccess>>();
  private readonly inFlight = new Map<number, number>();
  /** When (epoch ms) and in what order this process last picked each credential: stored `lastUsedAt` lags until request records are written. */
  private readonly lastPicks = new Map<number, { at: number; sequence: number }>();
  private pickCount = 0;
  private readonly refreshLease: RefreshLeaseTiming;
  private slotWaiters: Array<() => void> = [];
  private readonly now: () => number;
  private readonly refresh: (request: RefreshRequest) => Promise<TokenGrant>;
  private readonly maximumConcurrent: number;
  private readonly instanceId = randomUUID();
  private cachedStrategy: { value: AllocationStrategy; readAt: number } | undefined;

  constructor(private readonly options: CredentialPoolOptions) {
    this.now = options.now ?? Date.now;
    this.refresh = options.refresh ?? refreshAccessToken;
    this.maximumConcurrent = options.maximumConcurrent ?? 4;
    this.refreshLease = options.refreshLease ?? defaultRefreshLease;
  }

  /** The strategy in force: the one the admin stored, else the configured default. */
  async strategy(): Promise<AllocationStrategy> {
    const now = this.now();
    if (this.cachedStrategy && now - this.cachedStrategy.readAt < strategyCacheMs) return this.cachedStrategy.value;
    const stored = await getSetting<string>(this.options.database, { key: strategySettingKey });
    const value = allocationStrategies.includes(stored as AllocationStrategy) ? (stored as AllocationStrategy) : (this.options.defaultStrategy ?? "round_robin");
    this.cachedStrategy = { value, readAt: now };
    return value;
  }

  /**
   * Stores the strategy for every instance (they see it within a couple of seconds); null removes
   * the stored one, so the configured default (`TOKEN_ALLOCATION_STRATEGY`) applies again.
   */
  async setStrategy(strategy: AllocationStrategy | null): Promise<void> {
    if (strategy === null) await deleteSetting(this.options.database, { key: strategySettingKey });
    else await setSetting(this.options.database, { key: strategySettingKey, value: strategy });
    this.cachedStrategy = { value: strategy ?? this.options.defaultStrategy ?? "round_robin", readAt: this.now() };
  }

  /** Requests this process is running on each credential now. */
  inFlightByCredential(): ReadonlyMap<number, number> {
    return this.inFlight;
  }

  /**
   * A usable credential chosen by the strategy, skipping `excludedIds` (already tried by this
   * request) and outside `scope`: enabled, not retired, `active` (or past its cooldown), below its
   * concurrency limit. When all usable credentials are at their limit it waits for a free slot.
   */
  async acquire(excludedIds: ReadonlySet<number> = new Set(), scope: PoolScope = { kind: "all" }): Promise<PoolAcquisition> {
    const deadline = this.now() + slotWaitMs;
    for (;;) {
      const serving = (await listServingCredentials(this.options.database)).filter((row) => !excludedIds.has(row.id));
      const now = this.now();
      const { rows, eligible } = inScope(serving, scope, now);
      if (eligible.length === 0) {
        const wait = earliestCooldownEnd(rows, now);
        return wait === undefined ? { kind: "none" } : { kind: "cooling", retryAfterMs: wait };
      }
      const free = eligible.filter((row) => (this.inFlight.get(row.id) ?? 0) < this.maximumConcurrent);
      if (free.length === 0) {
        if (this.now() >= deadline) return { kind: "busy" };
        await this.waitForSlot(deadline - this.now());
        continue;
      }
      const chosen = await this.choose(eligible, free, now);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        this.inFlight.set(chosen.id, Math.max(0, (this.inFlight.get(chosen.id) ?? 1) - 1));
        const waiters = this.slotWaiters;
        this.slotWaiters = [];
        for (const wake of waiters) wake();
      };
      if (chosen.status !== "active") {
        // Back from a cooldown or rest: the error that sent it there is no longer its state.
        await setCredentialState(this.options.database, { id: chosen.id, values: { status: "active", availableAt: null, lastError: null } }).catch((error: unknown) => {
          release();
          throw error;
        });
      }
      return { kind: "credential", credential: chosen, release };
    }
  }

  /**
   * How long (ms) until some credential in `scope` can take a request: 0 when one can now, else
   * until the first cooldown or rest ends; undefined when none will by itself (all invalid,
   * suspended or disabled).
   */
  async earliestAvailabilityMs(scope: PoolScope = { kind: "all" }): Promise<number | undefined> {
    const now = this.now();
    const { rows, eligible } = inScope(await listServingCredentials(this.options.database), scope, now);
    return eligible.length ? 0 : earliestCooldownEnd(rows, now);
  }

  /**
   * Picks one of `free` by the strategy and claims it (a slot, and a pick recent use counts) in the
   * same synchronous step as the choice, so concurrent requests of this process see each other's picks.
   */
  private async choose(eligible: Credential[], free: Credential[], now: number): Promise<Credential> {
    const view = (row: Credential): AllocationCandidate => ({
      id: row.id,
      requestCount: row.requestCount,
      failureCount: row.failureCount,
      // This process's own picks count at once; other instances' arrive with their request records.
      lastUsedAt: Math.max(row.lastUsedAt ?? 0, this.lastPicks.get(row.id)?.at ?? 0) || null,
      pickSequence: this.lastPicks.get(row.id)?.sequence,
      lastFailureAt: row.lastFailureAt,
      inFlight: this.inFlight.get(row.id) ?? 0,
      maximumConcurrent: this.maximumConcurrent,
    });
    const byId = new Map(eligible.map((row) => [row.id, row]));
    const claim = (candidate: AllocationCandidate): Credential => {
      this.pickCount += 1;
      this.lastPicks.set(candidate.id, { at: now, sequence: this.pickCount });
      this.inFlight.set(candidate.id, (this.inFlight.get(candidate.id) ?? 0) + 1);
      return byId.get(candidate.id)!;
    };
    const strategy = await this.strategy();
    if (strategy === "score_based") return claim(chooseByScore(free.map(view), now));
    if (strategy === "round_robin") {
      // One candidate needs no turn: skipping the shared cursor's write saves a database commit per request.
      if (free.length === 1) return claim(view(free[0]));
      const cursor = await incrementCounter(this.options.database, { key: roundRobinCursorKey });
      return claim(chooseRoundRobin(free.map(view), cursor - 1));
    }
    const current = await getSetting<number>(this.options.database, { key: sequentialCurrentKey });
    const sticky = chooseSequential(eligible.map(view), current);
    if (sticky.id !== current) await setSetting(this.options.database, { key: sequentialCurrentKey, value: sticky.id });
    // The sticky credential at its concurrency limit overflows to the next one without moving on.
    return claim(chooseSequential(free.map(view), sticky.id));
  }

  private waitForSlot(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, timeoutMs));
      this.slotWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Rests a credential Kiro throttled until `retryAfterMs` from now (default cooldown 5 s). */
  async markRateLimited(id: number, retryAfterMs: number, message: string): Promise<void> {
    await setCredentialState(this.options.database, { id, values: { status: "cooling", availableAt: this.now() + retryAfterMs, lastError: message } });
  }

  /** Takes a credential Kiro keeps refusing (403 after a refresh) out of service for a person to look at. */
  async markSuspended(id: number, message: string): Promise<void> {
    await setCredentialState(this.options.database, { id, values: { status: "suspended", lastError: message } });
  }

  /** Rests a credential whose quota ran out until `availableAt` (epoch ms), when it may have been renewed. */
  async markExhausted(id: number, availableAt: number, message: string): Promise<void> {
    await setCredentialState(this.options.database, { id, values: { status: "exhausted", availableAt, lastError: message } });
  }

  /**
   * Records a failure that leaves a credential in service (Kiro 5xx, a network failure, nothing
   * within the first-token deadline, a failed refresh): its last error, and its last failure time
   * at once, so `score_based` steps around it before the request record arrives.
   */
  async markFailed(id: number, message: string): Promise<void> {
    await setCredentialState(this.options.database, { id, values: { lastError: message, lastFailureAt: this.now() } });
  }

  /** Clears the last error of a credential that just served a request. */
  async markSucceeded(id: number): Promise<void> {
    await setCredentialState(this.options.database, { id, values: { lastError: null } });
  }

  /**
   * A valid access token for a credential, refreshed first when missing or within
   * `refreshAheadMs` of expiry. `forceRefresh` refreshes even a valid token: after an upstream 403
   * it replaces `rejectedAccessToken` (unless another caller already did); without one (an explicit
   * refresh) it replaces whatever token is stored when called. Either way one refresh runs per
   * credential at a time, in this process and across processes.
   * @throws CredentialRefreshError when the refresh fails; permanent failures mark the credential `invalid`.
   */
  async accessTokenFor(credential: Credential, options: { forceRefresh?: boolean; rejectedAccessToken?: string } = {}): Promise<CredentialAccess> {
    const { forceRefresh = false } = options;
    if (!forceRefresh) {
      const cached = this.validAccessToken(credential);
      if (cached) return { credential, accessToken: cached };
    }
    let rejectedAccessToken = options.rejectedAccessToken;
    if (forceRefresh && rejectedAccessToken === undefined) {
      const row = await this.requireRow(credential.id);
      rejectedAccessToken = row.accessTokenCiphertext ? this.options.secretBox.open(row.accessTokenCiphertext) : undefined;
    }
    // Join a refresh already running here; a forced caller joins only if it yields a token other than the rejected one.
    for (let running = this.refreshes.get(credential.id); running; running = this.refreshes.get(credential.id)) {
      const access = await running;
      if (!forceRefresh || access.accessToken !== rejectedAccessToken) return access;
    }
    const refresh = this.refreshCredential(credential.id, { forceRefresh, rejectedAccessToken }).finally(() => this.refreshes.delete(credential.id));
    this.refreshes.set(credential.id, refresh);
    return refresh;
  }

  private validAccessToken(row: Credential): string | undefined {
    if (!row.accessTokenCiphertext || !row.accessTokenExpiresAt) return undefined;
    if (row.accessTokenExpiresAt - this.now() <= refreshAheadMs) return undefined;
    return this.options.secretBox.open(row.accessTokenCiphertext);
  }

  private async refreshCredential(id: number, options: { forceRefresh: boolean; rejectedAccessToken?: string }): Promise<CredentialAccess> {
    const { database } = this.options;
    const usable = (row: Credential) => {
      const token = this.validAccessToken(row);
      return token && (!options.forceRefresh || token !== options.rejectedAccessToken) ? token : undefined;
    };
    // Another process sharing the database may be refreshing: wait for its token rather than
    // refreshing the same refresh token twice (which can revoke it).
    for (;;) {
      const row = await this.requireRow(id);
      const current = usable(row);
      if (current) return { credential: row, accessToken: current };
      if (row.status === "invalid" && !options.forceRefresh) throw new CredentialRefreshError(row.lastError ?? "the credential is invalid", true);
      const now = this.now();
      if (await acquireRefreshLease(database, { id, owner: this.instanceId, now, until: now + this.refreshLease.durationMs })) break;
      await new Promise((resolve) => setTimeout(resolve, refreshLeasePollMs));
    }
    const lease = this.keepRefreshLease(id);
    try {
      return await this.refreshUnderLease(id, usable, lease.signal);
    } finally {
      lease.stop();
      await releaseRefreshLease(database, { id, owner: this.instanceId });
    }
  }

  /**
   * Renews this process's refresh lease on a credential every `renewEveryMs` until stopped. The
   * signal aborts when another instance holds the lease (this one lapsed, e.g. the process
   * stalled), so the refresh stops instead of sending the same refresh token again.
   */
  private keepRefreshLease(id: number): { signal: AbortSignal; stop(): void } {
    const controller = new AbortController();
    let renewing = false;
    const timer = setInterval(() => {
      if (renewing) return;
      renewing = true;
      const now = this.now();
      acquireRefreshLease(this.options.database, { id, owner: this.instanceId, now, until: now + this.refreshLease.durationMs })
        .then((held) => {
          if (held) return;
          clearInterval(timer);
          controller.abort(new CredentialRefreshError("another instance took over this credential's refresh", false));
        })
        // A renewal the database refused is tried again at the next tick, well within the lease.
        .catch(() => undefined)
        .finally(() => (renewing = false));
    }, this.refreshLease.renewEveryMs);
    timer.unref?.();
    return { signal: controller.signal, stop: () => clearInterval(timer) };
  }

  private async refreshUnderLease(id: number, usable: (row: Credential) => string | undefined, signal: AbortSignal): Promise<CredentialAccess> {
    const { database, secretBox, endpoints } = this.options;
    // Read under the lease: a token written just before it was taken is as good as a new one.
    let row = await this.requireRow(id);
    for (let round = 1; ; round += 1) {
      const current = usable(row);
      if (current) return { credential: row, accessToken: current };
      const refreshToken = secretBox.open(row.refreshTokenCiphertext);
      let grant: TokenGrant;
      try {
        grant = await this.refresh({
          kind: row.kind,
          refreshToken,
          clientId: row.clientId ?? undefined,
          clientSecret: row.clientSecretCiphertext ? secretBox.open(row.clientSecretCiphertext) : undefined,
          machineId: row.machineId,
          socialBaseUrl: endpoints.socialBaseUrl(row.authRegion),
          oidcBaseUrl: endpoints.oidcBaseUrl(row.authRegion),
          signal,
        });
      } catch (error) {
        const failure =
          error instanceof Error && error.name === "CredentialRefreshError" ? (error as CredentialRefreshError) : new CredentialRefreshError(String(error), false);
        // The refused token may be stale: another instance may have stored a newer one meanwhile
        // (it refreshed after this one's lease lapsed, or an admin replaced the login).
        const latest = await this.requireRow(id);
        if (latest.refreshTokenHash !== row.refreshTokenHash || latest.version !== row.version) {
          const stored = usable(latest);
          if (stored) return { credential: latest, accessToken: stored };
          if (round < maximumRefreshRounds && !signal.aborted) {
            row = latest;
            continue;
          }
          throw new CredentialRefreshError(failure.message, false, failure.status);
        }
        if (failure.permanent) {
          // Conditional on the refused token: a newer one stored between the re-read and this write stays usable.
          const marked = await setCredentialStateIfRefreshToken(database, {
            id,
            refreshTokenHash: row.refreshTokenHash,
            values: { status: "invalid", lastError: failure.message },
          });
          if (!marked && round < maximumRefreshRounds) {
            row = await this.requireRow(id);
            continue;
          }
          throw failure;
        }
        // A lease lost to another instance says nothing about the credential.
        if (!signal.aborted) await setCredentialState(database, { id, values: { lastError: failure.message } });
        throw failure;
      }
      const rotated = grant.refreshToken && grant.refreshToken !== refreshToken ? grant.refreshToken : undefined;
      const saved = await updateCredentialIfVersion(database, {
        id,
        expectedVersion: row.version,
        values: {
          accessTokenCiphertext: secretBox.seal(grant.accessToken),
          accessTokenExpiresAt: this.now() + grant.expiresInSeconds * 1000 - expirySafetyMarginMs,
          encryptionKeyId: secretBox.keyId,
          status: row.status === "invalid" ? "active" : row.status,
          lastError: null,
          ...(rotated ? { refreshTokenCiphertext: secretBox.seal(rotated), refreshTokenHash: hashSecret(rotated) } : {}),
          ...(row.kind === "social" && grant.profileArn ? { profileArn: grant.profileArn } : {}),
        },
      });
      const updated = await this.requireRow(id);
      if (!saved) {
        // Only a token writer bumps the version, and writers hold the lease; an admin edit of the login is the only other writer.
        throw new CredentialRefreshError("the credential's login was replaced during the refresh; try again", false);
      }
      if (rotated && this.options.onRefreshTokenRotated) {
        await this.options.onRefreshTokenRotated(updated, refreshToken, grant).catch(() => undefined);
      }
      return { credential: updated, accessToken: grant.accessToken };
    }
  }

  private async requireRow(id: number): Promise<Credential> {
    const row = await getCredentialById(this.options.database, { id });
    if (!row) throw new CredentialRefreshError(`credential ${id} no longer exists`, true);
    return row;
  }
}

/**
 * The credentials of `serving` a request in `scope` may use (`rows`), and those usable now
 * (`eligible`): for the proxy key the public ones; for a user their own first, and the public pool
 * only when none of theirs can serve (never with `ownOnly`).
 */
function inScope(serving: Credential[], scope: PoolScope, now: number): { rows: Credential[]; eligible: Credential[] } {
  if (scope.kind === "all") {
    // A private credential serves only its owner's keys, never the proxy key.
    const rows = serving.filter((row) => row.visibility === "public");
    return { rows, eligible: rows.filter((row) => isAvailable(row, now)) };
  }
  const own = serving.filter((row) => row.ownerUserId === scope.userId);
  const ownEligible = own.filter((row) => isAvailable(row, now));
  const publicRows = scope.ownOnly ? [] : serving.filter((row) => row.visibility === "public" && row.ownerUserId !== scope.userId);
  return { rows: [...own, ...publicRows], eligible: ownEligible.length ? ownEligible : publicRows.filter((row) => isAvailable(row, now)) };
}

/** Milliseconds from `now` until the first cooling or resting credential of `rows` is back; undefined when none is resting. */
function earliestCooldownEnd(rows: Credential[], now: number): number | undefined {
  const waits = rows.filter((row) => (row.status === "cooling" || row.status === "exhausted") && row.availableAt !== null).map((row) => (row.availableAt as number) - now);
  return waits.length ? Math.max(0, Math.min(...waits)) : undefined;
}

/** Whether a credential may take a request at `now`: `active`, or cooling / exhausted with its wait over. */
export function isAvailable(row: Credential, now: number): boolean {
  if (row.status === "active") return true;
  return (row.status === "cooling" || row.status === "exhausted") && (row.availableAt ?? 0) <= now;
}
