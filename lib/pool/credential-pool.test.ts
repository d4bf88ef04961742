import { describe, expect, it } from "vitest";
import { getCredentialById, listCredentials, setCredentialState, updateCredentialIfVersion } from "@/lib/db/queries/credentials";
import { getSetting } from "@/lib/db/queries/settings";
import { createTemporaryDatabase } from "@/tests/support/temporary-database";
import { CredentialPool, refreshAheadMs } from "./credential-pool";
import { CredentialRefreshError, type RefreshRequest, type TokenGrant } from "./refresh-access-token";
import { createSecretBox, hashSecret } from "./secret-box";
import { seedCredentials, type CredentialSeed } from "./seed-credentials";

const secretBox = createSecretBox("pool test key material");
const endpoints = { socialBaseUrl: (region: string) => `https://social.${region}`, oidcBaseUrl: (region: string) => `https://oidc.${region}` };

function seed(refreshToken: string, overrides: Partial<CredentialSeed> = {}): CredentialSeed {
  return { sourceKey: `test:${refreshToken}`, source: "file", name: refreshToken, kind: "social", refreshToken, authRegion: "us-east-1", apiRegion: "us-east-1", ...overrides };
}

/** Acquires a credential and frees its slot at once (the tests only need the choice). */
async function pick(pool: CredentialPool, excluded: Set<number> = new Set()) {
  const acquisition = await pool.acquire(excluded);
  if (acquisition.kind !== "credential") return undefined;
  acquisition.release();
  return acquisition.credential;
}

async function setup(refresh: (request: RefreshRequest) => Promise<TokenGrant>, seeds = [seed("refresh-1")], now = () => 1_000_000) {
  const { database } = await createTemporaryDatabase();
  await seedCredentials(database, secretBox, seeds);
  const calls: RefreshRequest[] = [];
  const pool = new CredentialPool({
    database,
    secretBox,
    endpoints,
    now,
    refresh: (request) => {
      calls.push(request);
      return refresh(request);
    },
  });
  return { database, pool, calls };
}

describe("CredentialPool", () => {
  it("refreshes once for many concurrent requests on an expired token", async () => {
    const { pool, calls } = await setup(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { accessToken: "access-1", expiresInSeconds: 3600 };
    });
    const credential = await pick(pool);
    const results = await Promise.all(Array.from({ length: 100 }, () => pool.accessTokenFor(credential!)));
    expect(calls).toHaveLength(1);
    expect(new Set(results.map((result) => result.accessToken))).toEqual(new Set(["access-1"]));
  });

  it("reuses a stored token until it is within the refresh-ahead window", async () => {
    let now = 1_000_000;
    const { pool, calls } = await setup(async () => ({ accessToken: `access-${calls.length}`, expiresInSeconds: 3600 }), [seed("refresh-1")], () => now);
    const first = await pool.accessTokenFor((await pick(pool))!);
    const second = await pool.accessTokenFor((await pick(pool))!);
    expect(second.accessToken).toBe(first.accessToken);
    now += 3600 * 1000 - 60_000 - refreshAheadMs + 1;
    const third = await pool.accessTokenFor((await pick(pool))!);
    expect(third.accessToken).not.toBe(first.accessToken);
    expect(calls).toHaveLength(2);
  });

  it("saves a rotated refresh token, encrypted, before handing out the access token", async () => {
    const { pool, database, calls } = await setup(async (request) => ({
      accessToken: `access-for-${request.refreshToken}`,
      refreshToken: `${request.refreshToken}-next`,
      expiresInSeconds: 1,
      profileArn: "arn:learnt",
    }));
    const access = await pool.accessTokenFor((await pick(pool))!);
    const row = await getCredentialById(database, { id: access.credential.id });
    expect(secretBox.open(row!.refreshTokenCiphertext)).toBe("refresh-1-next");
    expect(row!.refreshTokenCiphertext).not.toContain("refresh-1");
    expect(row!.profileArn).toBe("arn:learnt");
    // The token expires at once (1 s minus the safety margin), so the next call refreshes with the rotated token.
    await pool.accessTokenFor(row!);
    expect(calls.map((call) => call.refreshToken)).toEqual(["refresh-1", "refresh-1-next"]);
  });

  it("marks a credential invalid on invalid_grant, and keeps it on a transient failure", async () => {
    const { pool, database } = await setup(
      async (request) => {
        if (request.refreshToken === "dead") throw new CredentialRefreshError("social token refresh answered HTTP 400 (invalid_grant)", true, 400);
        throw new CredentialRefreshError("social token refresh answered HTTP 503", false, 503);
      },
      [seed("dead"), seed("flaky")],
    );
    const [dead, flaky] = await listCredentials(database);
    await expect(pool.accessTokenFor(dead)).rejects.toThrow(/invalid_grant/);
    await expect(pool.accessTokenFor(flaky)).rejects.toThrow(/503/);
    const [deadAfter, flakyAfter] = await listCredentials(database);
    expect(deadAfter).toMatchObject({ status: "invalid", lastError: expect.stringContaining("invalid_grant") });
    expect(flakyAfter).toMatchObject({ status: "active", lastError: expect.stringContaining("503") });
    expect((await pick(pool))?.id).toBe(flaky.id);
  });

  it("sends IdC credentials with their client to the OIDC endpoint of their own region", async () => {
    const { pool, calls } = await setup(async () => ({ accessToken: "a", expiresInSeconds: 3600 }), [
      seed("idc-refresh", { kind: "idc", clientId: "client", clientSecret: "client-secret", authRegion: "us-east-2" }),
    ]);
    await pool.accessTokenFor((await pick(pool))!);
    expect(calls[0]).toMatchObject({ kind: "idc", clientId: "client", clientSecret: "client-secret", oidcBaseUrl: "https://oidc.us-east-2" });
  });

  it("picks usable credentials round robin", async () => {
    const { pool } = await setup(async () => ({ accessToken: "a", expiresInSeconds: 3600 }), [seed("a"), seed("b"), seed("c")]);
    const picks: string[] = [];
    for (let index = 0; index < 6; index += 1) picks.push((await pick(pool))!.name);
    expect(picks).toEqual(["a", "b", "c", "a", "b", "c"]);
    expect((await pick(pool, new Set([1, 2, 3])))).toBeUndefined();
  });
});

describe("seedCredentials", () => {
  it("stores each configured credential once, across restarts and rotations, and retires what is no longer configured", async () => {
    const { database } = await createTemporaryDatabase();
    expect(await seedCredentials(database, secretBox, [seed("r1"), seed("r2")])).toEqual({ inserted: 2, unchanged: 0, retired: 0 });
    expect(await seedCredentials(database, secretBox, [seed("r1"), seed("r2")])).toEqual({ inserted: 0, unchanged: 2, retired: 0 });
    const rows = await listCredentials(database);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.machineId))).toBe(true);

    // After a refresh rotated r1, the configuration still holds the old r1: it is not a new credential.
    await updateCredentialIfVersion(database, {
      id: rows[0].id,
      expectedVersion: rows[0].version,
      values: { refreshTokenCiphertext: secretBox.seal("r1-rotated"), refreshTokenHash: hashSecret("r1-rotated") },
    });
    expect(await seedCredentials(database, secretBox, [seed("r1"), seed("r2")])).toEqual({ inserted: 0, unchanged: 2, retired: 0 });
    expect(secretBox.open((await listCredentials(database))[0].refreshTokenCiphertext)).toBe("r1-rotated");

    // The operator replaced r2 with r3 in the configuration: r3 is added, r2 retired and no longer picked.
    expect(await seedCredentials(database, secretBox, [seed("r1"), seed("r3")], 42)).toEqual({ inserted: 1, unchanged: 1, retired: 1 });
    const after = await listCredentials(database);
    expect(after.map((row) => [row.name, row.retiredAt])).toEqual([["r1", null], ["r2", 42], ["r3", null]]);
    const pool = new CredentialPool({ database, secretBox, endpoints });
    const picked = new Set<string>();
    for (let index = 0; index < 4; index += 1) picked.add((await pick(pool))!.name);
    expect(picked).toEqual(new Set(["r1", "r3"]));

    // Putting r2 back brings its row (and its history) back.
    expect(await seedCredentials(database, secretBox, [seed("r1"), seed("r2"), seed("r3")])).toEqual({ inserted: 0, unchanged: 3, retired: 0 });
    expect((await listCredentials(database)).every((row) => row.retiredAt === null)).toBe(true);
  });
});

describe("CredentialPool allocation", () => {
  const grant = async () => ({ accessToken: "a", expiresInSeconds: 3600 });

  it("skips a cooling credential until its cooldown ends, and says when the first comes back when all cool", async () => {
    let now = 1_000_000;
    const { pool } = await setup(grant, [seed("a"), seed("b")], () => now);
    const first = (await pick(pool))!;
    await pool.markRateLimited(first.id, 7000, "throttled");
    for (let index = 0; index < 4; index += 1) expect((await pick(pool))!.id).not.toBe(first.id);
    const other = (await pick(pool))!;
    await pool.markRateLimited(other.id, 3000, "throttled");
    expect(await pool.acquire()).toEqual({ kind: "cooling", retryAfterMs: 3000 });
    now += 3000;
    expect((await pick(pool))!.id).toBe(other.id);
    now += 4000;
    const ids = new Set<number>();
    for (let index = 0; index < 4; index += 1) ids.add((await pick(pool))!.id);
    expect(ids).toEqual(new Set([first.id, other.id]));
  });

  it("never picks a suspended or invalid credential, and reports none when nothing is usable", async () => {
    const { pool } = await setup(grant, [seed("a")]);
    const only = (await pick(pool))!;
    await pool.markSuspended(only.id, "403 twice");
    expect(await pool.acquire()).toEqual({ kind: "none" });
  });

  it("holds each credential to its concurrency limit, making the next request wait for a free slot", async () => {
    const { database } = await createTemporaryDatabase();
    await seedCredentials(database, secretBox, [seed("a")]);
    const pool = new CredentialPool({ database, secretBox, endpoints, maximumConcurrent: 2, refresh: grant });
    const held = [await pool.acquire(), await pool.acquire()];
    expect(held.map((acquisition) => acquisition.kind)).toEqual(["credential", "credential"]);
    let third: Awaited<ReturnType<CredentialPool["acquire"]>> | undefined;
    const waiting = pool.acquire().then((acquisition) => (third = acquisition));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(third).toBeUndefined();
    if (held[0].kind === "credential") held[0].release();
    await waiting;
    expect(third?.kind).toBe("credential");
  });

  it("sequential uses one credential until it fails, then the next, and stays there", async () => {
    const { pool } = await setup(grant, [seed("a"), seed("b"), seed("c")]);
    await pool.setStrategy("sequential");
    const names = async (count: number) => {
      const picked: string[] = [];
      for (let index = 0; index < count; index += 1) picked.push((await pick(pool))!.name);
      return picked;
    };
    expect(await names(3)).toEqual(["a", "a", "a"]);
    await pool.markSuspended(1, "refused");
    expect(await names(3)).toEqual(["b", "b", "b"]);
  });

  it("round robin with a single candidate leaves the shared cursor alone", async () => {
    const { pool, database } = await setup(grant, [seed("only")]);
    for (let index = 0; index < 3; index += 1) expect((await pick(pool))!.name).toBe("only");
    expect(await getSetting(database, { key: "round_robin_cursor" })).toBeUndefined();
  });

  it("spreads 12 requests 4/4/4 over three credentials round robin", async () => {
    const { pool } = await setup(grant, [seed("a"), seed("b"), seed("c")]);
    const counts: Record<string, number> = {};
    for (let index = 0; index < 12; index += 1) {
      const name = (await pick(pool))!.name;
      counts[name] = (counts[name] ?? 0) + 1;
    }
    expect(counts).toEqual({ a: 4, b: 4, c: 4 });
  });

  it("refreshes once across two pools sharing one database (as two processes would)", async () => {
    const { database } = await createTemporaryDatabase();
    await seedCredentials(database, secretBox, [seed("shared")]);
    let calls = 0;
    const refresh = async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { accessToken: "fresh", expiresInSeconds: 3600 };
    };
    const pools = [new CredentialPool({ database, secretBox, endpoints, refresh }), new CredentialPool({ database, secretBox, endpoints, refresh })];
    const row = (await pick(pools[0]))!;
    const results = await Promise.all(Array.from({ length: 40 }, (_, index) => pools[index % 2].accessTokenFor(row)));
    expect(calls).toBe(1);
    expect(new Set(results.map((result) => result.accessToken))).toEqual(new Set(["fresh"]));
  });
});

describe("CredentialPool refresh lease", () => {
  /** A refresh that waits until the test lets it finish. */
  function heldRefresh() {
    let finish: (grant: TokenGrant) => void = () => undefined;
    const calls: RefreshRequest[] = [];
    const refresh = (request: RefreshRequest) => {
      calls.push(request);
      return new Promise<TokenGrant>((resolve) => (finish = resolve));
    };
    return { calls, refresh, finish: (grant: TokenGrant) => finish(grant) };
  }

  async function waitFor(condition: () => Promise<boolean> | boolean, limitMs = 3000) {
    const deadline = Date.now() + limitMs;
    while (!(await condition()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  it("keeps the lease while a refresh runs longer than the lease, so another instance never refreshes the same token", async () => {
    const { database } = await createTemporaryDatabase();
    await seedCredentials(database, secretBox, [seed("long")]);
    let clock = 1_000_000;
    const held = heldRefresh();
    const refreshLease = { durationMs: 30_000, renewEveryMs: 20 };
    const first = new CredentialPool({ database, secretBox, endpoints, now: () => clock, refresh: held.refresh, refreshLease });
    const second = new CredentialPool({ database, secretBox, endpoints, now: () => clock, refresh: held.refresh, refreshLease });
    const [row] = await listCredentials(database);
    const firstAccess = first.accessTokenFor(row);
    await waitFor(() => held.calls.length === 1);
    // The refresh is still running past the lease's first term (a slow endpoint, retries).
    clock += 31_000;
    await waitFor(async () => ((await getCredentialById(database, { id: row.id }))!.refreshLeaseUntil ?? 0) > clock);
    const secondAccess = second.accessTokenFor(row);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(held.calls).toHaveLength(1);
    held.finish({ accessToken: "from-first", expiresInSeconds: 3600 });
    expect((await firstAccess).accessToken).toBe("from-first");
    expect((await secondAccess).accessToken).toBe("from-first");
    expect(held.calls).toHaveLength(1);
    expect(await getCredentialById(database, { id: row.id })).toMatchObject({ refreshLeaseOwner: null, refreshLeaseUntil: null });
  });

  it("releases only a lease it still owns", async () => {
    const { database } = await createTemporaryDatabase();
    await seedCredentials(database, secretBox, [seed("taken")]);
    const pool = new CredentialPool({
      database,
      secretBox,
      endpoints,
      refresh: async () => {
        // Another instance took the lease meanwhile (this one stalled past its expiry).
        await setCredentialState(database, { id: 1, values: { refreshLeaseOwner: "other-instance", refreshLeaseUntil: Date.now() + 60_000 } });
        return { accessToken: "fresh", expiresInSeconds: 3600 };
      },
    });
    await pool.accessTokenFor((await listCredentials(database))[0]).catch(() => undefined);
    expect(await getCredentialById(database, { id: 1 })).toMatchObject({ refreshLeaseOwner: "other-instance" });
  });

  it("on invalid_grant uses the token another instance stored meanwhile instead of marking the credential invalid", async () => {
    const { database, pool, calls } = await setup(async (request) => {
      const [row] = await listCredentials(database);
      // Another instance rotated the token and stored a fresh access token while this refresh ran.
      await updateCredentialIfVersion(database, {
        id: row.id,
        expectedVersion: row.version,
        values: {
          refreshTokenCiphertext: secretBox.seal("rotated-elsewhere"),
          refreshTokenHash: hashSecret("rotated-elsewhere"),
          accessTokenCiphertext: secretBox.seal("access-from-elsewhere"),
          accessTokenExpiresAt: 1_000_000 + 3_600_000,
        },
      });
      throw new CredentialRefreshError(`social token refresh answered HTTP 400 (invalid_grant) for ${request.refreshToken}`, true, 400);
    });
    const access = await pool.accessTokenFor((await listCredentials(database))[0]);
    expect(access.accessToken).toBe("access-from-elsewhere");
    expect(calls).toHaveLength(1);
    expect((await listCredentials(database))[0]).toMatchObject({ status: "active" });
  });

  it("on invalid_grant refreshes again with a rotated token another instance stored, then marks invalid only a token that is still refused", async () => {
    const { database, pool, calls } = await setup(async (request) => {
      if (request.refreshToken === "refresh-1") {
        const [row] = await listCredentials(database);
        await updateCredentialIfVersion(database, {
          id: row.id,
          expectedVersion: row.version,
          values: { refreshTokenCiphertext: secretBox.seal("refresh-2"), refreshTokenHash: hashSecret("refresh-2") },
        });
        throw new CredentialRefreshError("social token refresh answered HTTP 400 (invalid_grant)", true, 400);
      }
      return { accessToken: `access-for-${request.refreshToken}`, expiresInSeconds: 3600 };
    });
    const access = await pool.accessTokenFor((await listCredentials(database))[0]);
    expect(access.accessToken).toBe("access-for-refresh-2");
    expect(calls.map((call) => call.refreshToken)).toEqual(["refresh-1", "refresh-2"]);
    expect((await listCredentials(database))[0]).toMatchObject({ status: "active", lastError: null });
  });

  it("an explicit forced refresh calls the refresh endpoint even while the stored token is valid", async () => {
    const { pool, database, calls } = await setup(async () => ({ accessToken: `access-${calls.length}`, expiresInSeconds: 3600 }));
    const first = await pool.accessTokenFor((await listCredentials(database))[0]);
    const forced = await pool.accessTokenFor((await listCredentials(database))[0], { forceRefresh: true });
    expect(calls).toHaveLength(2);
    expect(forced.accessToken).not.toBe(first.accessToken);
    // Concurrent forced refreshes in one process still make one call.
    const together = await Promise.all([1, 2, 3].map(async () => pool.accessTokenFor((await listCredentials(database))[0], { forceRefresh: true })));
    expect(new Set(together.map((access) => access.accessToken)).size).toBe(1);
    expect(calls).toHaveLength(3);
  });
});

describe("CredentialPool state", () => {
  const grant = async () => ({ accessToken: "a", expiresInSeconds: 3600 });

  it("clears the last error when a credential returns to service after its cooldown, or serves a request", async () => {
    let now = 1_000_000;
    const { pool, database } = await setup(grant, [seed("a")], () => now);
    await pool.markRateLimited(1, 2000, "Kiro is rate limiting this account");
    now += 2000;
    expect((await pick(pool))!.id).toBe(1);
    expect(await getCredentialById(database, { id: 1 })).toMatchObject({ status: "active", lastError: null, availableAt: null });
    await pool.markFailed(1, "Kiro answered HTTP 500");
    expect(await getCredentialById(database, { id: 1 })).toMatchObject({ status: "active", lastError: "Kiro answered HTTP 500", lastFailureAt: now });
    await pool.markSucceeded(1);
    expect(await getCredentialById(database, { id: 1 })).toMatchObject({ lastError: null });
  });

  it("returns to the configured default strategy when the stored one is cleared", async () => {
    const { database } = await createTemporaryDatabase();
    const pool = new CredentialPool({ database, secretBox, endpoints, defaultStrategy: "score_based" });
    await pool.setStrategy("sequential");
    expect(await pool.strategy()).toBe("sequential");
    await pool.setStrategy(null);
    expect(await pool.strategy()).toBe("score_based");
    expect(await getSetting(database, { key: "allocation_strategy" })).toBeUndefined();
  });

  it("says how soon any credential in scope is usable: 0 when one is, else the earliest cooldown end", async () => {
    let now = 1_000_000;
    const { pool } = await setup(grant, [seed("a"), seed("b"), seed("c")], () => now);
    expect(await pool.earliestAvailabilityMs()).toBe(0);
    await pool.markRateLimited(1, 20_000, "throttled");
    await pool.markRateLimited(2, 30_000, "throttled");
    await pool.markRateLimited(3, 5_000, "throttled");
    expect(await pool.earliestAvailabilityMs()).toBe(5_000);
    now += 1000;
    expect(await pool.earliestAvailabilityMs()).toBe(4_000);
    await pool.markSuspended(3, "refused");
    expect(await pool.earliestAvailabilityMs()).toBe(19_000);
  });

  it("score_based lets equal credentials take turns within a burst, whatever their past volume", async () => {
    const { pool, database } = await setup(grant, [seed("a"), seed("b"), seed("c")]);
    await pool.setStrategy("score_based");
    const counts = async (picks: number) => {
      const names: string[] = [];
      for (let index = 0; index < picks; index += 1) names.push((await pick(pool))!.name);
      return names;
    };
    const burst = await counts(21);
    expect(burst.slice(0, 6)).toEqual(["a", "b", "c", "a", "b", "c"]);
    expect(burst.filter((name) => name === "a")).toHaveLength(7);
    expect(burst.filter((name) => name === "c")).toHaveLength(7);

    // Past successes (37/13/7, no failures) lift none of them above the others.
    const rows = await listCredentials(database);
    for (const [index, requests] of [37, 13, 7].entries()) {
      await setCredentialState(database, { id: rows[index].id, values: { requestCount: requests, failureCount: 0 } });
    }
    // Concurrent requests in one process see each other's picks (and load) at once.
    const held = await Promise.all([1, 2, 3].map(() => pool.acquire()));
    expect(new Set(held.map((acquisition) => (acquisition.kind === "credential" ? acquisition.credential.name : acquisition.kind)))).toEqual(new Set(["a", "b", "c"]));
    for (const acquisition of held) if (acquisition.kind === "credential") acquisition.release();

    const after = await counts(21);
    expect(new Set(after.slice(0, 3))).toEqual(new Set(["a", "b", "c"]));
    for (const name of ["a", "b", "c"]) expect(after.filter((picked) => picked === name)).toHaveLength(7);
  });
});
