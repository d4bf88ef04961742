import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/client";
import { setCredentialState } from "@/lib/db/queries/credentials";
import { insertIpBlock } from "@/lib/db/queries/ip-blocks";
import { upsertGithubUser } from "@/lib/db/queries/users";
import { admin } from "../support/admin-client";
import { mockedGatewayEnvironment, startGatewayProcess, type GatewayProcess } from "../support/gateway-process";
import { mockState } from "../support/kiro-mock-client";
import { askGateway } from "../support/messages-client";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const proxyKey = "sk-api-surface-proxy-key";
const adminKey = "kga-api-surface-admin-key";
const adminPassword = "api-surface-operator-password";
const cronSecret = "api-surface-cron-secret-0123";
const mockUrl = () => inject("mockUrl");
let folder: string;
let gateway: GatewayProcess;
let database: Database;

const ask = (key: string, content?: string) => askGateway(gateway.url, key, content);

const health = async () => (await (await fetch(`${gateway.url}/health`)).json()) as Json;
const operatorCredential = async () => ((await admin(gateway.url, adminKey, "/credentials")).json.credentials as Json[]).find((row) => row.source !== "admin") as Json;

beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), "kirogate-api-surface-"));
  const url = `file:${path.join(folder, "gateway.db")}`;
  gateway = await startGatewayProcess({
    ...mockedGatewayEnvironment(mockUrl(), proxyKey),
    DATABASE_URL: url,
    REFRESH_TOKEN: "surface-operator-refresh",
    ADMIN_API_KEY: adminKey,
    ADMIN_PASSWORD: adminPassword,
    CRON_SECRET: cronSecret,
    DEBUG_MODE: "all",
  });
  database = openDatabase({ url }).database;
});

afterAll(async () => {
  await gateway.stop();
  await mockState(mockUrl(), { reset: true });
  await fs.rm(folder, { recursive: true, force: true });
});

beforeEach(async () => {
  await mockState(mockUrl(), { reset: true });
});

describe("unserved methods and unknown paths under /api", () => {
  // Every /api route file (and /openapi.json) with the methods it serves.
  const routes: Array<[string, string[]]> = [
    ["/api/admin/overview", ["GET"]],
    ["/api/admin/users", ["GET"]],
    ["/api/admin/users/1", ["GET", "PATCH"]],
    ["/api/admin/credentials", ["GET", "POST"]],
    ["/api/admin/credentials/1", ["PATCH", "DELETE"]],
    ["/api/admin/credentials/1/test", ["POST"]],
    ["/api/admin/credentials/1/refresh", ["POST"]],
    ["/api/admin/keys", ["GET"]],
    ["/api/admin/keys/1", ["DELETE"]],
    ["/api/admin/ip-blocks", ["GET", "POST"]],
    ["/api/admin/ip-blocks/1", ["DELETE"]],
    ["/api/admin/settings", ["GET", "PATCH"]],
    ["/api/admin/records", ["GET"]],
    ["/api/me", ["GET"]],
    ["/api/me/keys", ["GET", "POST"]],
    ["/api/me/keys/1", ["DELETE"]],
    ["/api/me/credentials", ["GET", "POST"]],
    ["/api/me/credentials/1", ["PATCH", "DELETE"]],
    ["/api/me/credentials/1/test", ["POST"]],
    ["/api/me/usage", ["GET"]],
    ["/api/cron/health", ["GET"]],
    ["/api/auth/session", ["GET", "POST"]],
    ["/openapi.json", ["GET"]],
  ];
  const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

  it("answers every unserved method with 405, Allow and {error: {message}}, and OPTIONS with what is served", async () => {
    for (const [route, served] of routes) {
      const allowed = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].filter(
        (method) => served.includes(method) || (method === "HEAD" && served.includes("GET")) || method === "OPTIONS",
      );
      for (const method of methods.filter((entry) => !allowed.includes(entry))) {
        const response = await fetch(`${gateway.url}${route}`, { method, headers: { authorization: `Bearer ${adminKey}` } });
        expect(response.status, `${method} ${route}`).toBe(405);
        expect(response.headers.get("allow"), `${method} ${route}`).toBe(allowed.join(", "));
        if (method === "HEAD") continue;
        expect(response.headers.get("content-type"), `${method} ${route}`).toMatch(/application\/json/);
        expect(await response.json(), `${method} ${route}`).toEqual({ error: { message: expect.stringContaining(`${method} is not allowed`) } });
      }
      const options = await fetch(`${gateway.url}${route}`, { method: "OPTIONS" });
      expect(options.status, `OPTIONS ${route}`).toBe(204);
      expect(options.headers.get("allow"), `OPTIONS ${route}`).toBe(allowed.join(", "));
    }
  });

  it("answers an unknown /api path with a JSON 404, without shadowing the real routes", async () => {
    for (const [method, route] of [
      ["GET", "/api/admin/nonexistent"],
      ["POST", "/api/admin/credentials/1/nonexistent"],
      ["DELETE", "/api/nope/deeper/still"],
      ["GET", "/api"],
    ]) {
      const response = await fetch(`${gateway.url}${route}`, { method, headers: { authorization: `Bearer ${adminKey}` } });
      expect(response.status, `${method} ${route}`).toBe(404);
      expect(await response.json(), `${method} ${route}`).toEqual({ error: { message: expect.stringContaining(`Unknown endpoint: ${method} ${route}`) } });
    }
    const csrf = await fetch(`${gateway.url}/api/auth/csrf`);
    expect(csrf.status).toBe(200);
    expect(await csrf.json()).toEqual({ csrfToken: expect.any(String) });
    expect((await admin(gateway.url, adminKey, "/settings")).status).toBe(200);
    expect((await fetch(`${gateway.url}/api/me`)).status).toBe(401);
  });
});

describe("the IP blocklist's input", () => {
  it("refuses a malformed range with 400 naming the field, so no client is blocked by it", async () => {
    for (const range of ["1.2.3.4/", "1.2.3.4/ 8", "1.2.3.4/08", "1.2.3.4/33", "::1/", "2001:db8::/129", "fe80::1%eth0", "1.2.3.4/8/8"]) {
      const response = await admin(gateway.url, adminKey, "/ip-blocks", { method: "POST", body: { range } });
      expect(response.status, range).toBe(400);
      expect(response.json.error.message, range).toMatch(/^range: /);
    }
    expect((await admin(gateway.url, adminKey, "/ip-blocks")).json.blocks).toEqual([]);
    expect((await ask(proxyKey)).status).toBe(200);
  });

  it("stores the canonical form of a range", async () => {
    const stored: number[] = [];
    try {
      for (const [range, canonical] of [
        ["10.1.2.3/8", "10.0.0.0/8"],
        ["2001:DB8:0::/32", "2001:db8::/32"],
        ["198.51.100.7/32", "198.51.100.7"],
      ]) {
        const response = await admin(gateway.url, adminKey, "/ip-blocks", { method: "POST", body: { range } });
        expect(response.status, range).toBe(201);
        expect(response.json.range, range).toBe(canonical);
        stored.push(response.json.id);
      }
      expect((await admin(gateway.url, adminKey, "/ip-blocks", { method: "POST", body: { range: "10.9.9.9/8" } })).status).toBe(409);
    } finally {
      for (const id of stored) await admin(gateway.url, adminKey, `/ip-blocks/${id}`, { method: "DELETE" });
    }
  });

  it("skips a malformed range already in the database instead of blocking everyone, and logs it once", async () => {
    const row = await insertIpBlock(database, { range: "1.2.3.4/", note: "stored before the strict check", now: Date.now() });
    try {
      // The blocklist is cached for 2 s per process.
      await new Promise((resolve) => setTimeout(resolve, 2100));
      expect((await ask(proxyKey)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      expect((await ask(proxyKey)).status).toBe(200);
      expect(gateway.output().match(/IP blocklist: ignoring the stored entry "1\.2\.3\.4\/"/g)).toHaveLength(1);
    } finally {
      await admin(gateway.url, adminKey, `/ip-blocks/${row.id}`, { method: "DELETE" });
    }
  });
});

describe("user search", () => {
  it("matches % and _ literally", async () => {
    for (const [index, login] of ["under_score", "percent%sign", "plainuser"].entries()) {
      await upsertGithubUser(database, { githubId: `surface-${index}`, login, name: null, now: Date.now(), allowNew: true });
    }
    const logins = async (search: string) => ((await admin(gateway.url, adminKey, `/users?search=${encodeURIComponent(search)}`)).json.users as Json[]).map((user) => user.login);
    expect(await logins("_")).toEqual(["under_score"]);
    expect(await logins("%")).toEqual(["percent%sign"]);
    expect(await logins("r_s")).toEqual(["under_score"]);
    expect(await logins("plain")).toEqual(["plainuser"]);
  });
});

describe("private credentials", () => {
  it("refuses to make an operator credential private, and counts only credentials that can serve someone", async () => {
    const operator = await operatorCredential();
    const refused = await admin(gateway.url, adminKey, `/credentials/${operator.id}`, { method: "PATCH", body: { visibility: "private" } });
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toMatch(/^visibility: .*without an owner/);
    expect((await operatorCredential()).visibility).toBe("public");
    expect((await health()).credentials.usable).toBe(1);

    // A row made private before the check: it serves nobody, so it is not usable.
    await setCredentialState(database, { id: operator.id, values: { visibility: "private" } });
    try {
      expect(await health()).toMatchObject({ status: "degraded", credentials: { total: 1, usable: 0 } });
      const none = await ask(proxyKey);
      expect(none.status).toBe(503);
      expect(none.json.error.message).toMatch(/private without an owner/);

      // Private to a user: usable by that user's keys, but not by the proxy key, and the 503 says so.
      const owner = await upsertGithubUser(database, { githubId: "surface-owner", login: "surface-owner", name: null, now: Date.now(), allowNew: true });
      await setCredentialState(database, { id: operator.id, values: { ownerUserId: owner!.id } });
      expect(await health()).toMatchObject({ status: "ok", credentials: { usable: 1 } });
      const privateToOthers = await ask(proxyKey);
      expect(privateToOthers.status).toBe(503);
      expect(privateToOthers.json.error.message).toMatch(/^No Kiro credential available to this key: the 1 usable credential is private to its owner/);
    } finally {
      await setCredentialState(database, { id: operator.id, values: { visibility: "public", ownerUserId: null } });
    }
    expect((await ask(proxyKey)).status).toBe(200);
  });
});

describe("debug bodies", () => {
  it("redact the configured secrets, sk- keys and an own-token key's refresh token pasted into message text", async () => {
    const userKey = `sk-${"Zy9".repeat(16)}`;
    const ownToken = "surface-own-refresh-token";
    const content = `proxy ${proxyKey} admin ${adminKey} password ${adminPassword} cron ${cronSecret} user ${userKey} byot ${proxyKey}:${ownToken}`;
    expect((await ask(proxyKey, content)).status).toBe(200);
    expect((await ask(`${proxyKey}:${ownToken}`, `my own token is ${ownToken}`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const records = (await admin(gateway.url, adminKey, "/records?debug=1&limit=2")).json.records as Json[];
    expect(records).toHaveLength(2);
    const kept = records.map((record) => `${record.debugRequestBody}\n${record.debugUpstreamBody}`).join("\n");
    expect(kept).toContain("[redacted]");
    for (const secret of [proxyKey, adminKey, adminPassword, cronSecret, userKey, ownToken]) expect(kept).not.toContain(secret);
  });
});

describe("checks of fixes already on main", () => {
  it("reports a duplicate by its input position and a parse error by its path", async () => {
    const body = [{ refreshToken: "imp-1" }, { refreshToken: "imp-2", clientId: "cid", clientSecret: "s" }, { refreshToken: "invalid-x" }, { foo: 1 }, { refreshToken: "imp-1" }];
    const added = await admin(gateway.url, adminKey, "/credentials", { method: "POST", body });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ added: 2, duplicates: 1, invalid: 2 });
    expect(added.json.results.map((result: Json) => [result.index, result.result])).toEqual([
      [0, "added"],
      [1, "added"],
      [2, "invalid"],
      [4, "duplicate"],
    ]);
    expect(added.json.parseErrors).toEqual([expect.stringMatching(/^\$\[3\]: /)]);
  });

  it("score_based takes equal credentials in turn on back-to-back sequential requests", async () => {
    const credentialsFile = path.join(folder, "equal-credentials.json");
    await fs.writeFile(credentialsFile, JSON.stringify([{ refreshToken: "equal-a" }, { refreshToken: "equal-b" }, { refreshToken: "equal-c" }]));
    const scored = await startGatewayProcess({
      ...mockedGatewayEnvironment(mockUrl(), proxyKey),
      DATABASE_URL: `file:${path.join(folder, "score.db")}`,
      KIRO_CREDS_FILE: credentialsFile,
      TOKEN_ALLOCATION_STRATEGY: "score_based",
    });
    try {
      await mockState(mockUrl(), { reset: true });
      for (let index = 0; index < 6; index += 1) {
        const response = await fetch(`${scored.url}/v1/messages`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-api-key": proxyKey },
          body: JSON.stringify({ model: "claude-sonnet-4-6", max_tokens: 50, messages: [{ role: "user", content: `turn ${index}` }] }),
        });
        expect(response.status).toBe(200);
        await response.text();
      }
      const used = (await mockState(mockUrl())).requests.map((request) => request.refreshToken as string);
      const counts = ["equal-a", "equal-b", "equal-c"].map((token) => used.filter((entry) => entry === token).length);
      expect(used).toHaveLength(6);
      expect(counts).toEqual([2, 2, 2]);
    } finally {
      await scored.stop();
    }
  });
});
