import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { listRequestRecords } from "@/lib/db/queries/request-records";
import { admin } from "../support/admin-client";
import { mockedGatewayEnvironment, startGatewayProcess, type GatewayProcess } from "../support/gateway-process";
import { mockState } from "../support/kiro-mock-client";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const apiKey = "sk-pool-operations-key";
const adminKey = "kga-pool-operations-admin";
let folder: string;
const mockUrl = () => inject("mockUrl");

async function ask(gateway: GatewayProcess, content = "hello", extra: Json = {}) {
  const response = await fetch(`${gateway.url}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": apiKey },
    body: JSON.stringify({ model: "claude-sonnet-4-6", max_tokens: 500, messages: [{ role: "user", content }], ...extra }),
  });
  return { status: response.status, text: await response.text() };
}

function gatewayWith(name: string, environment: Record<string, string>) {
  return startGatewayProcess({
    ...mockedGatewayEnvironment(mockUrl(), apiKey),
    DATABASE_URL: `file:${path.join(folder, `${name}.db`)}`,
    ADMIN_API_KEY: adminKey,
    ...environment,
  });
}

beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), "kirogate-pool-"));
});
afterAll(async () => {
  await mockState(mockUrl(), { reset: true });
  await fs.rm(folder, { recursive: true, force: true });
});
beforeEach(async () => {
  await mockState(mockUrl(), { reset: true });
});

describe("refreshes", () => {
  it("refreshes an expired token once for 100 concurrent requests, also when Kiro rejects the cached token", async () => {
    const gateway = await gatewayWith("herd", { REFRESH_TOKEN: "herd-refresh", MAX_CONCURRENT_PER_CREDENTIAL: "200" });
    try {
      const first = await Promise.all(Array.from({ length: 100 }, (_, index) => ask(gateway, `herd ${index}`)));
      expect(first.every((result) => result.status === 200)).toBe(true);
      expect((await mockState(mockUrl())).refreshCallsByToken).toEqual({ "herd-refresh": 1 });

      // Kiro now refuses the access token the gateway still believes valid: one refresh, not a hundred.
      await fetch(`${mockUrl()}/__mock/issued-token-expiry`, { method: "POST" });
      const second = await Promise.all(Array.from({ length: 100 }, (_, index) => ask(gateway, `herd again ${index}`)));
      expect(second.every((result) => result.status === 200)).toBe(true);
      expect((await mockState(mockUrl())).refreshCallsByToken).toEqual({ "herd-refresh": 2 });
    } finally {
      await gateway.stop();
    }
  });

  it("saves a rotated refresh token and keeps using it, across refreshes and restarts", async () => {
    const environment = { REFRESH_TOKEN: "rotate-initial" };
    let gateway = await gatewayWith("rotation", environment);
    try {
      const [row] = (await admin(gateway.url, adminKey, "/credentials")).json.credentials as Json[];
      for (let index = 0; index < 2; index += 1) {
        const refreshed = await admin(gateway.url, adminKey, `/credentials/${row.id}/refresh`, { method: "POST" });
        expect(refreshed.json).toMatchObject({ ok: true, credential: { status: "active" } });
      }
      expect((await ask(gateway)).status).toBe(200);
      await gateway.stop();
      gateway = await gatewayWith("rotation", environment);
      expect((await ask(gateway)).status).toBe(200);
      const after = (await admin(gateway.url, adminKey, "/credentials")).json.credentials as Json[];
      expect(after).toHaveLength(1);
      expect(after[0]).toMatchObject({ status: "active", retired: false });
      expect(gateway.output()).not.toContain("invalid_grant");
    } finally {
      await gateway.stop();
    }
  });
});

describe("several instances on one database", () => {
  it("spread as one pool and refresh each credential once", async () => {
    const credentialsFile = path.join(folder, "shared-credentials.json");
    await fs.writeFile(credentialsFile, JSON.stringify(["shared-a", "shared-b", "shared-c"].map((refreshToken) => ({ refreshToken }))));
    const environment = { KIRO_CREDS_FILE: credentialsFile, MAX_CONCURRENT_PER_CREDENTIAL: "50" };
    const first = await gatewayWith("shared", environment);
    const second = await gatewayWith("shared", environment);
    try {
      const results = await Promise.all(Array.from({ length: 12 }, (_, index) => ask(index % 2 ? first : second, `spread ${index}`)));
      expect(results.every((result) => result.status === 200)).toBe(true);
      const state = await mockState(mockUrl());
      const counts: Record<string, number> = {};
      for (const request of state.requests) counts[request.refreshToken] = (counts[request.refreshToken] ?? 0) + 1;
      expect(counts).toEqual({ "shared-a": 4, "shared-b": 4, "shared-c": 4 });
      expect(state.refreshCallsByToken).toEqual({ "shared-a": 1, "shared-b": 1, "shared-c": 1 });
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});

describe("the admin API", () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await gatewayWith("admin", { REFRESH_TOKEN: "admin-seeded-refresh", CRON_SECRET: "cron-secret-0123456789" });
  });
  afterAll(async () => {
    await gateway.stop();
  });

  it("refuses requests without the admin key", async () => {
    expect((await admin(gateway.url, "wrong-key", "/credentials")).status).toBe(401);
    expect((await fetch(`${gateway.url}/api/admin/credentials`)).status).toBe(401);
  });

  it("adds, lists, edits, tests, refreshes and deletes credentials, never showing a secret", async () => {
    const added = await admin(gateway.url, adminKey, "/credentials", {
      method: "POST",
      body: { credentials: [{ refreshToken: "admin-added-one", name: "one" }, { refresh_token: "admin-added-idc", client_id: "cid", client_secret: "csecret" }, { refreshToken: "invalid-admin-token" }, { refreshToken: "admin-seeded-refresh" }] },
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ added: 2, duplicates: 1, invalid: 1 });
    expect(added.json.results.find((result: Json) => result.result === "invalid").error).toMatch(/invalid_grant/);

    const listed = await admin(gateway.url, adminKey, "/credentials");
    const text = JSON.stringify(listed.json);
    for (const secret of ["admin-added-one", "admin-added-idc", "csecret", "admin-seeded-refresh", "mock-access-"]) expect(text).not.toContain(secret);
    const rows = listed.json.credentials as Json[];
    expect(rows.map((row) => [row.kind, row.source])).toEqual([
      ["social", "environment"],
      ["social", "admin"],
      ["idc", "admin"],
    ]);
    const idc = rows[2];

    const renamed = await admin(gateway.url, adminKey, `/credentials/${idc.id}`, { method: "PATCH", body: { name: "builder id", enabled: false } });
    expect(renamed.json).toMatchObject({ name: "builder id", enabled: false });
    expect((await admin(gateway.url, adminKey, `/credentials/${idc.id}`, { method: "PATCH", body: { secret: "x" } })).status).toBe(400);
    expect((await (await fetch(`${gateway.url}/health`)).json()).credentials).toMatchObject({ total: 3, usable: 2, byStatus: { active: 2, disabled: 1 } });

    const tested = await admin(gateway.url, adminKey, `/credentials/${rows[1].id}/test`, { method: "POST" });
    expect(tested.json).toMatchObject({ ok: true, quota: { limit: 1000, used: 12, remaining: 988 } });
    expect((await admin(gateway.url, adminKey, `/credentials/${rows[1].id}/refresh`, { method: "POST" })).json.ok).toBe(true);

    expect((await admin(gateway.url, adminKey, `/credentials/${idc.id}`, { method: "DELETE" })).json).toEqual({ deleted: idc.id });
    expect((await admin(gateway.url, adminKey, `/credentials/${idc.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await admin(gateway.url, adminKey, "/credentials")).json.credentials).toHaveLength(2);
  });

  it("changes the allocation strategy at run time", async () => {
    expect((await admin(gateway.url, adminKey, "/settings")).json).toMatchObject({ tokenAllocationStrategy: "round_robin" });
    expect((await admin(gateway.url, adminKey, "/settings", { method: "PATCH", body: { tokenAllocationStrategy: "sequential" } })).json).toMatchObject({ tokenAllocationStrategy: "sequential" });
    expect((await admin(gateway.url, adminKey, "/settings", { method: "PATCH", body: { tokenAllocationStrategy: "random" } })).status).toBe(400);
    await mockState(mockUrl(), { reset: true });
    for (let index = 0; index < 4; index += 1) expect((await ask(gateway, `sticky ${index}`)).status).toBe(200);
    expect(new Set((await mockState(mockUrl())).requests.map((request) => request.refreshToken)).size).toBe(1);
    await admin(gateway.url, adminKey, "/settings", { method: "PATCH", body: { tokenAllocationStrategy: "round_robin" } });
  });

  it("refreshes a credential on request even while its access token is still valid", async () => {
    const [row] = (await admin(gateway.url, adminKey, "/credentials")).json.credentials as Json[];
    for (let index = 0; index < 2; index += 1) {
      const refreshed = await admin(gateway.url, adminKey, `/credentials/${row.id}/refresh`, { method: "POST" });
      expect(refreshed.json).toMatchObject({ ok: true });
    }
    expect((await mockState(mockUrl())).refreshCallsByToken["admin-seeded-refresh"]).toBe(2);
  });

  it("returns the allocation strategy to TOKEN_ALLOCATION_STRATEGY when it is set to null", async () => {
    await admin(gateway.url, adminKey, "/settings", { method: "PATCH", body: { tokenAllocationStrategy: "score_based" } });
    const reset = await admin(gateway.url, adminKey, "/settings", { method: "PATCH", body: { tokenAllocationStrategy: null } });
    expect(reset.status).toBe(200);
    expect(reset.json).toMatchObject({ tokenAllocationStrategy: "round_robin" });
    expect((await admin(gateway.url, adminKey, "/settings")).json).toMatchObject({ tokenAllocationStrategy: "round_robin" });
  });

  it("runs the health check from the cron route, guarded by CRON_SECRET, and rests a credential out of quota", async () => {
    expect((await fetch(`${gateway.url}/api/cron/health`)).status).toBe(401);
    await fetch(`${mockUrl()}/__mock/config`, { method: "POST", body: JSON.stringify({ usage: { "admin-seeded-refresh": { used: 50, limit: 50 } } }) });
    const run = await fetch(`${gateway.url}/api/cron/health`, { headers: { authorization: "Bearer cron-secret-0123456789" } });
    const summary = await run.json();
    expect(summary.ran).toBe(true);
    expect(summary.checks).toHaveLength(2);
    const rows = (await admin(gateway.url, adminKey, "/credentials")).json.credentials as Json[];
    expect(rows[0]).toMatchObject({ status: "exhausted", quota: { limit: 50, remaining: 0, resetsAt: expect.any(Number) } });
    expect(rows[1]).toMatchObject({ status: "active", quota: { limit: 1000, remaining: 988 } });
    expect(rows[0].lastCheckedAt).toEqual(expect.any(Number));

    await fetch(`${mockUrl()}/__mock/config`, { method: "POST", body: JSON.stringify({ usage: {} }) });
    await fetch(`${gateway.url}/api/cron/health`, { headers: { authorization: "Bearer cron-secret-0123456789" } });
    expect(((await admin(gateway.url, adminKey, "/credentials")).json.credentials as Json[])[0].status).toBe("active");
  });
});

describe("adding credentials through the admin API", () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await gatewayWith("additions", {});
  });
  afterAll(async () => {
    await gateway.stop();
  });

  it("numbers every result by its position in the submitted array, and answers 201 only when something was added", async () => {
    const body = [{ foo: 1 }, { refreshToken: "bad region", region: "x" }, { refreshToken: "idx-SECRET" }, { refreshToken: "invalid-idx-SECRET" }];
    const first = await admin(gateway.url, adminKey, "/credentials", { method: "POST", body });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ added: 1, duplicates: 0, invalid: 3 });
    expect(first.json.results.map((result: Json) => [result.index, result.result])).toEqual([
      [2, "added"],
      [3, "invalid"],
    ]);
    expect(first.json.parseErrors.map((error: string) => error.split(":")[0])).toEqual(["$[0]", "$[1]"]);

    // Nothing new: the same body again adds nothing, so it is not "Created".
    const again = await admin(gateway.url, adminKey, "/credentials", { method: "POST", body });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ added: 0, duplicates: 1, invalid: 3 });
    expect(again.json.results.map((result: Json) => [result.index, result.result])).toEqual([
      [2, "duplicate"],
      [3, "invalid"],
    ]);
  });

  it("refuses a name that is not one line of at most 200 characters, inside a credential as in the wrapper", async () => {
    for (const name of ["first line\nsecond line", "n".repeat(6000)]) {
      const refused = await admin(gateway.url, adminKey, "/credentials", { method: "POST", body: { credentials: [{ refreshToken: "named-SECRET", name }], validate: false } });
      expect(refused.status).toBe(400);
      expect(refused.json.error.message).toMatch(/\$\[0\]: name must/);
    }
    const mixed = await admin(gateway.url, adminKey, "/credentials", {
      method: "POST",
      body: { credentials: [{ refreshToken: "named-SECRET", name: "bad\tname" }, { refreshToken: "well-named-SECRET", name: "work" }], validate: false },
    });
    expect(mixed.json).toMatchObject({ added: 1, invalid: 1, results: [{ index: 1, result: "added" }], parseErrors: [expect.stringMatching(/^\$\[0\]: name must/)] });
    const names = ((await admin(gateway.url, adminKey, "/credentials")).json.credentials as Json[]).map((row) => row.name);
    expect(names).toContain("work");
    expect(names.every((name) => name.length <= 200 && !/[\n\t]/.test(name))).toBe(true);
  });

  it("refuses a client id without its secret, or the reverse, instead of storing a social login", async () => {
    for (const credential of [{ refreshToken: "half-idc-SECRET", clientId: "cid" }, { refreshToken: "half-idc-SECRET", clientSecret: "csecret" }]) {
      const refused = await admin(gateway.url, adminKey, "/credentials", { method: "POST", body: { credentials: credential, validate: false } });
      expect(refused.status).toBe(400);
      expect(refused.json.error.message).toMatch(/an AWS Builder ID \/ IdC login needs both/);
    }
    const rows = (await admin(gateway.url, adminKey, "/credentials")).json.credentials as Json[];
    expect(JSON.stringify(rows)).not.toContain("half-idc");
    expect(rows.every((row) => row.kind === "social")).toBe(true);
    expect(rows).toHaveLength(2);
  });
});

describe("debug records", () => {
  it("keeps the bodies of failed requests, with secrets redacted, and none of successful ones", async () => {
    const gateway = await gatewayWith("debug", { REFRESH_TOKEN: "debug-refresh", DEBUG_MODE: "errors" });
    try {
      expect((await ask(gateway, "fine")).status).toBe(200);
      const failed = await ask(gateway, "[mock:status:500]", { metadata: { user_id: "u" }, tools: [{ name: "login", input_schema: { type: "object", properties: { password: { type: "string", default: "hunter2" } } } }] });
      expect(failed.status).toBe(502);
      await new Promise((resolve) => setTimeout(resolve, 600));
      const records = (await admin(gateway.url, adminKey, "/records?debug=1")).json.records as Json[];
      const success = records.find((record) => record.outcome === "success")!;
      const failure = records.find((record) => record.outcome === "upstream_error")!;
      expect(success.debugRequestBody).toBeNull();
      expect(failure.debugRequestBody).toContain("[mock:status:500]");
      expect(failure.debugRequestBody).toContain('"password":"[redacted]"');
      expect(failure.debugRequestBody).not.toContain("hunter2");
      expect(JSON.parse(failure.debugUpstreamBody).conversationState.currentMessage.userInputMessage.content).toContain("[mock:status:500]");
      expect((await admin(gateway.url, adminKey, "/records")).json.records[0].debugRequestBody).toBeUndefined();
    } finally {
      await gateway.stop();
    }
  });
});

describe("shutdown", () => {
  it("lets running requests finish and writes every record before the process exits", async () => {
    const databaseFile = path.join(folder, "shutdown.db");
    const gateway = await startGatewayProcess({
      ...mockedGatewayEnvironment(mockUrl(), apiKey),
      DATABASE_URL: `file:${databaseFile}`,
      REFRESH_TOKEN: "shutdown-refresh",
      MAX_CONCURRENT_PER_CREDENTIAL: "20",
    });
    const running = Array.from({ length: 8 }, (_, index) => ask(gateway, `[mock:delay:1500] slow ${index}`, { stream: true }));
    // Stop only once every request is with Kiro, so all eight are running when the signal arrives.
    while ((await mockState(mockUrl())).requests.length < 8) await new Promise((resolve) => setTimeout(resolve, 20));
    const exited = new Promise<number | null>((resolve) => gateway.child.once("exit", (code) => resolve(code)));
    gateway.child.kill("SIGTERM");
    const results = await Promise.all(running);
    expect(results.every((result) => result.status === 200 && result.text.includes("message_stop"))).toBe(true);
    expect(await exited).toBe(143);
    const { client, database } = openDatabase({ url: `file:${databaseFile}` });
    try {
      const records = await listRequestRecords(database, { limit: 100 });
      expect(records).toHaveLength(8);
      expect(records.every((record) => record.outcome === "success")).toBe(true);
    } finally {
      client.close();
    }
  });
});
