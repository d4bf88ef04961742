import type { Credential } from "@/lib/db/schema";
import { LlmError } from "@/lib/llm/unified/llm-error";
import type { OwnTokenCache } from "@/lib/pool/bring-your-own-token";
import type { CredentialPool, PoolScope } from "@/lib/pool/credential-pool";
import { isPermanentRefreshFailure } from "@/lib/pool/refresh-access-token";

/** The Kiro login one attempt uses: from the pool, or a client's own refresh token. */
export type UpstreamAccount = {
  /** The pool credential's id; undefined for a client's own token. */
  credentialId?: number;
  kind: "social" | "idc";
  /** Sent only for social logins (spec §4.6). */
  profileArn?: string;
  apiRegion: string;
  machineId: string;
  /**
   * A valid access token; `forceRefresh` after Kiro refused `rejectedAccessToken`. Aborting
   * `signal` (the client left) stops the wait, not a refresh other requests may be waiting for.
   * @throws LlmError (502) when the login cannot be refreshed; `signal.reason` once `signal` aborts.
   */
  accessToken(options?: { forceRefresh?: boolean; rejectedAccessToken?: string; signal?: AbortSignal }): Promise<string>;
  /** Frees the account's concurrency slot; safe to call more than once. */
  release(): void;
};

/** Where a request's attempts get their accounts, and where what Kiro said about an account goes. */
export type AccountSource = {
  /**
   * The next account to try, skipping `excludedIds`.
   * @returns an account, or the error to answer when there is none (429 cooling, 503 none usable).
   */
  next(excludedIds: ReadonlySet<number>): Promise<UpstreamAccount | LlmError>;
  /** Kiro throttled the account: rest it for `retryAfterMs`. */
  rateLimited(account: UpstreamAccount, retryAfterMs: number, message: string): Promise<void>;
  /** Kiro kept refusing the account after a refresh: suspend it. */
  suspended(account: UpstreamAccount, message: string): Promise<void>;
  /** The account's quota ran out: rest it until `availableAt` (epoch ms). */
  exhausted(account: UpstreamAccount, availableAt: number, message: string): Promise<void>;
  /** The account failed in a way that leaves it in service (5xx, network, first-token timeout, refresh failure): record why. */
  failed(account: UpstreamAccount, message: string): Promise<void>;
  /** The account produced a response: whatever error it last had is over. */
  succeeded(account: UpstreamAccount): Promise<void>;
  /**
   * How long (ms) until some account of this source can take a request (0: one can now), for the
   * `Retry-After` of a request every tried account throttled; undefined when unknown or never.
   */
  earliestAvailabilityMs(): Promise<number | undefined>;
};

function refreshFailure(label: string, error: unknown): LlmError {
  const message = error instanceof Error ? error.message : String(error);
  return new LlmError("upstream_error", `Kiro credential ${label} could not be refreshed: ${message}`, { cause: error });
}

/** `promise`, or a rejection with `signal.reason` as soon as `signal` aborts (the promise itself runs on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason as Error);
    signal.addEventListener("abort", abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

/** The pool's counts a 503 explains itself with: credentials in service, and those usable now by someone (see `countCredentials`). */
export type PoolCounts = { total: number; usable: number };

/**
 * Accounts from the shared pool (within `scope`), chosen by its strategy. `poolCounts` is read only
 * to word the 503 when nothing in scope can serve.
 */
export function poolAccounts(pool: CredentialPool, scope: PoolScope, poolCounts: () => Promise<PoolCounts>): AccountSource {
  // Each account's last error as read when it was picked.
  const errorsAtPick = new WeakMap<UpstreamAccount, string | null>();
  return {
    async next(excludedIds) {
      const acquisition = await pool.acquire(excludedIds, scope);
      if (acquisition.kind === "cooling") {
        const seconds = Math.max(1, Math.ceil(acquisition.retryAfterMs / 1000));
        return new LlmError("rate_limit", `Every usable Kiro credential is cooling down after being rate limited; retry in ${seconds} s.`, { retryAfterSeconds: seconds });
      }
      if (acquisition.kind === "busy") {
        return new LlmError("rate_limit", "Every Kiro credential is serving its maximum of concurrent requests; retry shortly.", { retryAfterSeconds: 1 });
      }
      if (acquisition.kind === "none") {
        if (excludedIds.size > 0) return new LlmError("unavailable", "Every usable Kiro credential failed for this request.");
        if (scope.kind === "user" && scope.ownOnly) {
          return new LlmError("unavailable", "No usable Kiro account of yours: this gateway serves each user from their own donated accounts only; add one on your dashboard.");
        }
        const { total, usable } = await poolCounts();
        if (total === 0) return new LlmError("unavailable", "No usable Kiro credential. Add one: set REFRESH_TOKEN (or KIRO_CREDS_FILE) in .env and restart the gateway.");
        // Usable credentials outside this request's scope can only be private ones of other people.
        if (usable > 0) {
          return new LlmError(
            "unavailable",
            `No Kiro credential available to this key: the ${usable} usable ${usable === 1 ? "credential is" : "credentials are"} private to ${usable === 1 ? "its owner" : "their owners"} (a private credential serves only its owner's keys). Make one public or add a public one.`,
          );
        }
        return new LlmError(
          "unavailable",
          `No usable Kiro credential: all ${total} configured credentials are invalid, suspended, disabled or private without an owner (see /health and the server log).`,
        );
      }
      let row: Credential = acquisition.credential;
      const account: UpstreamAccount = {
        credentialId: row.id,
        kind: row.kind,
        profileArn: row.profileArn ?? undefined,
        apiRegion: row.apiRegion,
        machineId: row.machineId,
        async accessToken(options = {}) {
          const { signal, ...refresh } = options;
          try {
            const access = await untilAborted(pool.accessTokenFor(row, refresh), signal);
            row = access.credential;
            // A social refresh may have taught the credential its profile ARN.
            account.profileArn = row.profileArn ?? undefined;
            return access.accessToken;
          } catch (error) {
            if (signal?.aborted) throw error;
            throw refreshFailure(String(row.id), error);
          }
        },
        release: acquisition.release,
      };
      errorsAtPick.set(account, row.lastError);
      return account;
    },
    rateLimited: (account, retryAfterMs, message) => pool.markRateLimited(account.credentialId!, retryAfterMs, message),
    suspended: (account, message) => pool.markSuspended(account.credentialId!, message),
    exhausted: (account, availableAt, message) => pool.markExhausted(account.credentialId!, availableAt, message),
    failed: (account, message) => pool.markFailed(account.credentialId!, message),
    async succeeded(account) {
      // Most successes follow successes: write only when there is an error to clear.
      if (errorsAtPick.get(account)) await pool.markSucceeded(account.credentialId!);
    },
    earliestAvailabilityMs: () => pool.earliestAvailabilityMs(scope),
  };
}

/** The single account of a `PROXY_API_KEY:REFRESH_TOKEN` key: tried once, never failed over. */
export function ownTokenAccount(cache: OwnTokenCache, refreshToken: string, apiRegion: string): AccountSource {
  let handedOut = false;
  const account: UpstreamAccount = {
    kind: "social",
    apiRegion,
    machineId: "",
    async accessToken(options = {}) {
      try {
        const access = await untilAborted(cache.access(refreshToken, { forceRefresh: options.forceRefresh }), options.signal);
        account.machineId = access.machineId;
        account.profileArn = access.profileArn;
        return access.accessToken;
      } catch (error) {
        if (options.signal?.aborted) throw error;
        if (isPermanentRefreshFailure(error)) {
          throw new LlmError("authentication", "The refresh token in your key was refused by Kiro; sign in to Kiro again and use the new token.");
        }
        throw refreshFailure("(your own token)", error);
      }
    },
    release: () => undefined,
  };
  return {
    async next() {
      if (handedOut) return new LlmError("upstream_error", "Your own Kiro token failed for this request.");
      handedOut = true;
      return account;
    },
    rateLimited: async () => undefined,
    suspended: async () => undefined,
    exhausted: async () => undefined,
    failed: async () => undefined,
    succeeded: async () => undefined,
    earliestAvailabilityMs: async () => undefined,
  };
}
