import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { admin } from "../support/admin-client";
import { mockedGatewayEnvironment, startGatewayProcess, type GatewayProcess } from "../support/gateway-process";
import { mockState } from "../support/kiro-mock-client";
import { parseServerSentEvents } from "../support/sse";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const apiKey = "sk-failover-test-key";
const adminKey = "kga-failover-admin-key-0123";
const tokens = ["pool-a-refresh", "pool-b-refresh", "pool-c-refresh"];
let gateway: GatewayProcess;
let folder: string;
let ids: Record<string, number>;

const mockUrl = () => inject("mockUrl");
const configureMock = (config: Json) => fetch(`${mockUrl()}/__mock/config`, { method: "POST", body: JSON.stringify(config) });

async function ask(content: string, extra: Json = {}, url = gateway.url, key = apiKey) {
  const started = Date.now();
  const response = await fetch(`${url}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": key, "anthropic-version": "2023-06-01" },
    body: JSON.stringify({ model: "claude-sonnet-4-6", max_tokens: 500, messages: [{ role: "user", content }], ...extra }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: extra.stream ? undefined : (JSON.parse(text) as Json), elapsedMs: Date.now() - started };
}

const usedTokens = async () => (await mockState(mockUrl())).requests.map((request) => request.refreshToken);
const credentialsByName = async (): Promise<Record<string, Json>> =>
  Object.fromEntries(((await admin(gateway.url, adminKey, "/credentials")).json.credentials as Json[]).map((row) => [row.name, row]));

beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), "kirogate-failover-"));
  const credentialsFile = path.join(folder, "credentials.json");
  await fs.writeFile(credentialsFile, JSON.stringify(tokens.map((refreshToken) => ({ refreshToken, name: refreshToken }))));
  gateway = await startGatewayProcess({
    ...mockedGatewayEnvironment(mockUrl(), apiKey),
    DATABASE_URL: `file:${path.join(folder, "gateway.db")}`,
    KIRO_CREDS_FILE: credentialsFile,
    ADMIN_API_KEY: adminKey,
    FIRST_TOKEN_TIMEOUT: "1",
    STREAM_READ_TIMEOUT: "1",
  });
  ids = Object.fromEntries(Object.entries(await credentialsByName()).map(([name, row]) => [name, row.id]));
});

afterAll(async () => {
  await gateway.stop();
  await mockState(mockUrl(), { reset: true });
  await fs.rm(folder, { recursive: true, force: true });
});

beforeEach(async () => {
  await mockState(mockUrl(), { reset: true });
  for (const id of Object.values(ids)) await admin(gateway.url, adminKey, `/credentials/${id}`, { method: "PATCH", body: { status: "active", enabled: true } });
});

describe("failover across the pool, before the first byte", () => {
  it("moves on after a 429 and rests that credential for its Retry-After", async () => {
    await configureMock({ faults: { "pool-a-refresh": { status: 429, retryAfter: 2 } } });
    for (let index = 0; index < 6; index += 1) expect((await ask(`round ${index}`)).status).toBe(200);
    const used = await usedTokens();
    expect(used.filter((token) => token === "pool-a-refresh")).toHaveLength(1);
    expect((await credentialsByName())["pool-a-refresh"]).toMatchObject({ status: "cooling", lastError: expect.stringContaining("429") });

    await configureMock({ faults: {} });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await mockState(mockUrl(), { reset: true });
    for (let index = 0; index < 3; index += 1) expect((await ask(`after ${index}`)).status).toBe(200);
    expect(new Set(await usedTokens())).toEqual(new Set(tokens));
  });

  it("answers 429 with Retry-After when every credential is cooling, without calling Kiro again", async () => {
    await configureMock({ faults: Object.fromEntries(tokens.map((token) => [token, { status: 429, retryAfter: 3 }])) });
    const first = await ask("everyone is busy");
    expect(first.status).toBe(429);
    expect(first.json?.error.type).toBe("rate_limit_error");
    expect(Number(first.headers.get("retry-after"))).toBeGreaterThan(0);
    const callsBefore = (await mockState(mockUrl())).generateCalls;
    expect(callsBefore).toBe(3);
    const second = await ask("still busy");
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await mockState(mockUrl())).generateCalls).toBe(callsBefore);
  });

  it("suspends a credential Kiro refuses even after a refresh, for a person to look at", async () => {
    await configureMock({ faults: { "pool-b-refresh": { status: 403 } } });
    for (let index = 0; index < 4; index += 1) expect((await ask(`refused ${index}`)).status).toBe(200);
    const rows = await credentialsByName();
    expect(rows["pool-b-refresh"]).toMatchObject({ status: "suspended" });
    // Two generate calls (before and after the refresh), then never again.
    expect((await usedTokens()).filter((token) => token === "pool-b-refresh")).toHaveLength(2);
    expect((await mockState(mockUrl())).refreshCallsByToken["pool-b-refresh"]).toBeGreaterThanOrEqual(1);
    const health = await (await fetch(`${gateway.url}/health`)).json();
    expect(health.credentials).toMatchObject({ total: 3, usable: 2, byStatus: { active: 2, suspended: 1 } });
  });

  it("moves on after a 500 and after a hang before the first byte, at the FIRST_TOKEN_TIMEOUT deadline", async () => {
    await configureMock({ faults: { "pool-a-refresh": { status: 500 }, "pool-c-refresh": { hang: true } } });
    const results = [];
    for (let index = 0; index < 3; index += 1) results.push(await ask(`faulty ${index}`));
    expect(results.map((result) => result.status)).toEqual([200, 200, 200]);
    const slow = results.filter((result) => result.elapsedMs >= 1000);
    expect(slow.length).toBeGreaterThanOrEqual(1);
    for (const result of slow) expect(result.elapsedMs).toBeLessThan(2500);
  });

  it("makes at most 1 + MAX_RETRIES attempts and reports the upstream failure", async () => {
    await configureMock({ faults: Object.fromEntries(tokens.map((token) => [token, { status: 500 }])) });
    const result = await ask("all broken");
    expect(result.status).toBe(502);
    expect(result.json?.error.message).toMatch(/HTTP 500/);
    expect((await mockState(mockUrl())).generateCalls).toBe(3);
  });

  it("cools a credential whose stream opens with a throttling exception", async () => {
    const result = await ask("[mock:exception:ThrottlingException]");
    expect(result.status).toBe(429);
    expect(Number(result.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Object.values(await credentialsByName()).every((row) => row.status === "cooling")).toBe(true);
  });
});

describe("after the first byte", () => {
  it("ends the stream with an in-band error when the connection is reset", async () => {
    const result = await ask("[mock:reset]", { stream: true });
    expect(result.status).toBe(200);
    const events = parseServerSentEvents(result.text);
    expect(events.at(-1)).toMatchObject({ event: "error", data: { type: "error", error: { type: "api_error" } } });
    expect(events.some((event) => event.event === "message_stop")).toBe(false);
  });
});

describe("request records", () => {
  it("writes exactly one record for a success, a client abort and an upstream failure, with their figures", async () => {
    const success = await ask("record me");
    expect(success.status).toBe(200);
    const controller = new AbortController();
    const aborted = await fetch(`${gateway.url}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": apiKey },
      body: JSON.stringify({ model: "claude-sonnet-4-6", max_tokens: 50, stream: true, messages: [{ role: "user", content: "[mock:stall] abort me" }] }),
      signal: controller.signal,
    });
    await aborted.body!.getReader().read();
    controller.abort();
    await configureMock({ faults: Object.fromEntries(tokens.map((token) => [token, { status: 503, times: 1 }])) });
    expect((await ask("fail me")).status).toBe(502);
    await new Promise((resolve) => setTimeout(resolve, 700));

    const records = (await admin(gateway.url, adminKey, "/records?limit=20")).json.records as Json[];
    const byOutcome = (outcome: string) => records.filter((record) => record.outcome === outcome && record.createdAt >= success.elapsedMs);
    const successRecord = records.find((record) => record.outcome === "success" && record.modelRequested === "claude-sonnet-4-6");
    expect(successRecord).toMatchObject({
      keyLabel: "proxy",
      dialect: "anthropic",
      modelUsed: "claude-sonnet-4.6",
      stream: false,
      status: 200,
      attempts: 1,
      inputTokensSource: "upstream",
      credits: 0.0125,
      credentialId: expect.any(Number),
    });
    expect(successRecord!.inputTokens).toBeGreaterThan(0);
    expect(successRecord!.outputTokens).toBeGreaterThan(0);
    expect(successRecord!.totalMs).toBeGreaterThanOrEqual(successRecord!.timeToFirstByteMs);
    expect(byOutcome("client_abort")).toHaveLength(1);
    expect(byOutcome("client_abort")[0]).toMatchObject({ status: 499, stream: true });
    const failure = byOutcome("upstream_error").find((record) => record.status === 502);
    expect(failure).toMatchObject({ attempts: 3, credentialId: null, failedCredentialIds: expect.arrayContaining(Object.values(ids)) });
    expect(new Set(records.map((record) => record.id)).size).toBe(records.length);

    const figures = await credentialsByName();
    const totalRequests = Object.values(figures).reduce((sum, row) => sum + row.figures.requests, 0);
    expect(totalRequests).toBeGreaterThanOrEqual(5);
    expect(Object.values(figures).every((row) => row.figures.failures >= 1)).toBe(true);
  });
});

describe("bring your own token", () => {
  it("serves a PROXY_API_KEY:REFRESH_TOKEN key with that token alone, outside the pool", async () => {
    const own = await ask("my own account", {}, gateway.url, `${apiKey}:own-refresh-token`);
    expect(own.status).toBe(200);
    expect(await usedTokens()).toEqual(["own-refresh-token"]);
    const again = await ask("my own account again", {}, gateway.url, `${apiKey}:own-refresh-token`);
    expect(again.status).toBe(200);
    expect((await mockState(mockUrl())).refreshCallsByToken["own-refresh-token"]).toBe(1);
    expect(Object.keys(await credentialsByName())).toHaveLength(3);
    const dead = await ask("dead token", {}, gateway.url, `${apiKey}:invalid-own-token`);
    expect(dead.status, dead.text).toBe(401);
    expect(dead.json?.error.message).toMatch(/refused by Kiro/);
    const wrongProxy = await ask("wrong", {}, gateway.url, "sk-wrong:own-refresh-token");
    expect(wrongProxy.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const records = (await admin(gateway.url, adminKey, "/records?limit=5")).json.records as Json[];
    const ownRecords = records.filter((record) => record.keyLabel.startsWith("byot:"));
    expect(ownRecords.map((record) => record.outcome).sort()).toEqual(["client_error", "success", "success"]);
    expect(ownRecords.every((record) => record.credentialId === null)).toBe(true);
    expect(gateway.output()).not.toContain("own-refresh-token");
    expect(JSON.stringify(records)).not.toContain("own-refresh-token");
  });
});

describe("what counts against a credential", () => {
  const recordsSince = async (since: number) => ((await admin(gateway.url, adminKey, "/records?limit=20")).json.records as Json[]).filter((record) => record.createdAt >= since);
  const flushed = () => new Promise((resolve) => setTimeout(resolve, 700));

  it("a request Kiro rejects (400) stays on the credential that served it and is not its failure", async () => {
    const since = Date.now();
    const before = await credentialsByName();
    const rejected = await ask("[mock:status:400] the client's mistake");
    expect(rejected.status).toBe(400);
    const [token] = await usedTokens();
    await flushed();
    const [record] = await recordsSince(since);
    expect(record).toMatchObject({ status: 400, outcome: "client_error", attempts: 1, credentialId: ids[token], failedCredentialIds: [] });
    const after = (await credentialsByName())[token];
    expect(after.figures.failures).toBe(before[token].figures.failures);
    expect(after.figures.lastFailureAt).toBe(before[token].figures.lastFailureAt);
    expect(after.figures.requests).toBe(before[token].figures.requests + 1);
  });

  it("a client that gives up before the first byte leaves the credential it was waiting on as the record's credential, not failed", async () => {
    const since = Date.now();
    const before = await credentialsByName();
    const controller = new AbortController();
    const request = fetch(`${gateway.url}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": apiKey },
      body: JSON.stringify({ model: "claude-sonnet-4-6", max_tokens: 50, messages: [{ role: "user", content: "[mock:delay:3000] I will leave" }] }),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    // Leave once Kiro has the request, well before FIRST_TOKEN_TIMEOUT (1 s) would move it on.
    while ((await mockState(mockUrl())).requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await request;
    const [token] = await usedTokens();
    await flushed();
    const [record] = await recordsSince(since);
    expect(record).toMatchObject({ status: 499, outcome: "client_abort", attempts: 1, credentialId: ids[token], failedCredentialIds: [] });
    expect((await credentialsByName())[token].figures.failures).toBe(before[token].figures.failures);
  });

  it("keeps each credential's last error current: set by a 5xx, cleared by its next success", async () => {
    await configureMock({ faults: Object.fromEntries(tokens.map((token) => [token, { status: 500, times: 1 }])) });
    expect((await ask("all fail once")).status).toBe(502);
    for (const row of Object.values(await credentialsByName())) expect(row.lastError).toMatch(/HTTP 500/);
    for (let index = 0; index < 3; index += 1) expect((await ask(`recovered ${index}`)).status).toBe(200);
    expect(new Set(await usedTokens())).toEqual(new Set(tokens));
    for (const row of Object.values(await credentialsByName())) expect(row.lastError).toBeNull();
  });
});

describe("Retry-After and slow refreshes", () => {
  it("answers a throttled request with the time until the first credential is back, not what the last one tried said", async () => {
    const strategy = await admin(gateway.url, adminKey, "/settings", { method: "PATCH", body: { tokenAllocationStrategy: "sequential" } });
    expect(strategy.json.tokenAllocationStrategy).toBe("sequential");
    let reset: Awaited<ReturnType<typeof admin>>;
    try {
      expect((await ask("which one is current")).status).toBe(200);
      const [current] = await usedTokens();
      // The current credential is tried first and says nothing (5 s by default); the others say 20 and 30 s.
      const [longer, longest] = tokens.filter((token) => token !== current);
      await configureMock({ faults: { [current]: { status: 429 }, [longer]: { status: 429, retryAfter: 30 }, [longest]: { status: 429, retryAfter: 20 } } });
      const throttled = await ask("everyone throttles");
      expect(throttled.status).toBe(429);
      expect((await usedTokens()).slice(1)).toEqual([current, ...tokens.filter((token) => token !== current)]);
      expect(throttled.headers.get("retry-after")).toBe("5");
    } finally {
      // null returns to TOKEN_ALLOCATION_STRATEGY (round robin by default).
      reset = await admin(gateway.url, adminKey, "/settings", { method: "PATCH", body: { tokenAllocationStrategy: null } });
    }
    expect(reset.status).toBe(200);
    expect(reset.json.tokenAllocationStrategy).toBe("round_robin");
  });

  it("does not count a slow refresh against FIRST_TOKEN_TIMEOUT: the deadline starts when Kiro is asked", async () => {
    // Kiro forgets every access token; each refresh then takes 2.5 s, longer than FIRST_TOKEN_TIMEOUT (1 s).
    await fetch(`${mockUrl()}/__mock/issued-token-expiry`, { method: "POST" });
    await configureMock({ refreshDelays: Object.fromEntries(tokens.map((token) => [token, 2500])) });
    const result = await ask("after a slow refresh");
    expect(result.status, result.text).toBe(200);
    const state = await mockState(mockUrl());
    expect(Object.values(state.refreshCallsByToken)).toEqual([1]);
    expect(state.requests.map((request) => request.refreshToken)).toEqual(Object.keys(state.refreshCallsByToken));
    expect(result.elapsedMs).toBeGreaterThanOrEqual(2500);
  });
});
