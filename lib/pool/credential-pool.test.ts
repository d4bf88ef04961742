import { describe, expect, it } from "vitest";
import { getCredentialById, listCredentials, updateCredentialIfVersion } from "@/lib/db/queries/credentials";
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
    const credential = await pool.pick();
    const results = await Promise.all(Array.from({ length: 100 }, () => pool.accessTokenFor(credential!)));
    expect(calls).toHaveLength(1);
    expect(new Set(results.map((result) => result.accessToken))).toEqual(new Set(["access-1"]));
  });

  it("reuses a stored token until it is within the refresh-ahead window", async () => {
    let now = 1_000_000;
    const { pool, calls } = await setup(async () => ({ accessToken: `access-${calls.length}`, expiresInSeconds: 3600 }), [seed("refresh-1")], () => now);
    const first = await pool.accessTokenFor((await pool.pick())!);
    const second = await pool.accessTokenFor((await pool.pick())!);
    expect(second.accessToken).toBe(first.accessToken);
    now += 3600 * 1000 - 60_000 - refreshAheadMs + 1;
    const third = await pool.accessTokenFor((await pool.pick())!);
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
    const access = await pool.accessTokenFor((await pool.pick())!);
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
    expect((await pool.pick())?.id).toBe(flaky.id);
  });

  it("sends IdC credentials with their client to the OIDC endpoint of their own region", async () => {
    const { pool, calls } = await setup(async () => ({ accessToken: "a", expiresInSeconds: 3600 }), [
      seed("idc-refresh", { kind: "idc", clientId: "client", clientSecret: "client-secret", authRegion: "us-east-2" }),
    ]);
    await pool.accessTokenFor((await pool.pick())!);
    expect(calls[0]).toMatchObject({ kind: "idc", clientId: "client", clientSecret: "client-secret", oidcBaseUrl: "https://oidc.us-east-2" });
  });

  it("picks usable credentials round robin", async () => {
    const { pool } = await setup(async () => ({ accessToken: "a", expiresInSeconds: 3600 }), [seed("a"), seed("b"), seed("c")]);
    const picks: string[] = [];
    for (let index = 0; index < 6; index += 1) picks.push((await pool.pick())!.name);
    expect(picks).toEqual(["a", "b", "c", "a", "b", "c"]);
    expect((await pool.pick(new Set([1, 2, 3])))).toBeUndefined();
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
    for (let index = 0; index < 4; index += 1) picked.add((await pool.pick())!.name);
    expect(picked).toEqual(new Set(["r1", "r3"]));

    // Putting r2 back brings its row (and its history) back.
    expect(await seedCredentials(database, secretBox, [seed("r1"), seed("r2"), seed("r3")])).toEqual({ inserted: 0, unchanged: 3, retired: 0 });
    expect((await listCredentials(database)).every((row) => row.retiredAt === null)).toBe(true);
  });
});
