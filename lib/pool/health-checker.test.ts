import { describe, expect, it } from "vitest";
import { getCredentialById } from "@/lib/db/queries/credentials";
import { createTemporaryDatabase } from "@/tests/support/temporary-database";
import { CredentialPool } from "./credential-pool";
import { runHealthCheck } from "./health-checker";
import type { RefreshRequest } from "./refresh-access-token";
import { createSecretBox } from "./secret-box";
import { seedCredentials } from "./seed-credentials";
import { UsageLimitsError, type fetchUsageLimits } from "./usage-limits";

const secretBox = createSecretBox("health check test key material");
const endpoints = { socialBaseUrl: () => "https://social.test", oidcBaseUrl: () => "https://oidc.test" };

async function setup() {
  const { database } = await createTemporaryDatabase();
  await seedCredentials(database, secretBox, [
    { sourceKey: "test:one", source: "file", name: "one", kind: "social", refreshToken: "refresh-one", authRegion: "us-east-1", apiRegion: "us-east-1" },
  ]);
  const refreshes: RefreshRequest[] = [];
  const pool = new CredentialPool({
    database,
    secretBox,
    endpoints,
    refresh: async (request) => {
      refreshes.push(request);
      return { accessToken: `access-${refreshes.length}`, expiresInSeconds: 3600 };
    },
  });
  return { database, pool, refreshes };
}

describe("runHealthCheck", () => {
  it("refreshes once after getUsageLimits refuses a stored token Kiro forgot, and asks again", async () => {
    const { database, pool, refreshes } = await setup();
    await pool.accessTokenFor((await getCredentialById(database, { id: 1 }))!);
    const asked: string[] = [];
    const fetchLimits: typeof fetchUsageLimits = async ({ accessToken }) => {
      asked.push(accessToken);
      if (accessToken === "access-1") throw new UsageLimitsError("getUsageLimits answered HTTP 403", 403);
      return { limit: 100, used: 10, remaining: 90 };
    };
    const summary = await runHealthCheck({ database, pool, apiBaseUrl: () => "https://api.test", fetchLimits });
    expect(summary).toEqual({ ran: true, checks: [{ id: 1, status: "active", quotaRemaining: 90 }] });
    expect(asked).toEqual(["access-1", "access-2"]);
    expect(refreshes).toHaveLength(2);
    expect(await getCredentialById(database, { id: 1 })).toMatchObject({ status: "active", lastError: null, quotaRemaining: 90 });
  });

  it("records the failure when getUsageLimits refuses the refreshed token too, refreshing only once", async () => {
    const { database, pool, refreshes } = await setup();
    const fetchLimits: typeof fetchUsageLimits = async () => {
      throw new UsageLimitsError("getUsageLimits answered HTTP 403", 403);
    };
    const summary = await runHealthCheck({ database, pool, apiBaseUrl: () => "https://api.test", fetchLimits });
    expect(summary).toMatchObject({ ran: true, checks: [{ id: 1, error: "getUsageLimits answered HTTP 403" }] });
    expect(refreshes).toHaveLength(2);
    expect(await getCredentialById(database, { id: 1 })).toMatchObject({ lastError: "getUsageLimits answered HTTP 403" });
  });
});
