import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { startGithubMock, type GithubMock } from "../github-mock/github-mock-server";
import { admin } from "../support/admin-client";
import { BrowserSession } from "../support/browser-session";
import { freePort, mockedGatewayEnvironment, startGatewayProcess, type GatewayProcess } from "../support/gateway-process";
import { mockState } from "../support/kiro-mock-client";
import { askGateway } from "../support/messages-client";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const proxyKey = "sk-people-proxy-key";
const adminKey = "kga-people-admin-key-0123";
const operatorPassword = "people-operator-password-0123";
let github: GithubMock;
let gateway: GatewayProcess;
let folder: string;

const mockUrl = () => inject("mockUrl");

const ask = (key: string, content?: string) => askGateway(gateway.url, key, content);

async function signedIn(login: string): Promise<BrowserSession> {
  const session = new BrowserSession(gateway.url);
  const destination = await session.signInWithGithub(login);
  expect(destination).toMatch(/\/dashboard$/);
  return session;
}

async function createKey(session: BrowserSession, name = "test key", extra: Json = {}): Promise<{ key: string; apiKey: Json }> {
  const response = await session.fetch("/api/me/keys", { method: "POST", body: { name, ...extra } });
  expect(response.status).toBe(201);
  return (await response.json()) as { key: string; apiKey: Json };
}

const usedRefreshTokens = async () => (await mockState(mockUrl())).requests.map((request) => request.refreshToken);
const setSettings = (body: Json) => admin(gateway.url, adminKey, "/settings", { method: "PATCH", body });

beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), "kirogate-people-"));
  github = await startGithubMock();
  const port = await freePort();
  gateway = await startGatewayProcess({
    ...mockedGatewayEnvironment(mockUrl(), proxyKey),
    PORT: String(port),
    DATABASE_URL: `file:${path.join(folder, "gateway.db")}`,
    REFRESH_TOKEN: "people-operator-refresh",
    ADMIN_API_KEY: adminKey,
    ADMIN_PASSWORD: operatorPassword,
    GITHUB_CLIENT_ID: github.clientId,
    GITHUB_CLIENT_SECRET: github.clientSecret,
    GITHUB_ENTERPRISE_URL: github.url,
    // The original KiroGate's callback path, registered on the OAuth app.
    GITHUB_REDIRECT_URI: `http://127.0.0.1:${port}/oauth2/github/callback`,
    ADMIN_GITHUB_LOGINS: "Boss",
  });
});

afterAll(async () => {
  await gateway.stop();
  await github.close();
  await mockState(mockUrl(), { reset: true });
  await fs.rm(folder, { recursive: true, force: true });
});

beforeEach(async () => {
  await mockState(mockUrl(), { reset: true });
  await setSettings({ selfUseOnly: false, registrationOpen: true, announcement: "" });
});

describe("GitHub sign-in through a GitHub Enterprise Server", () => {
  it("runs the OAuth flow with PKCE and state on the original callback path and creates the user", async () => {
    const session = await signedIn("carol");
    const authorization = github.authorizations.find((entry) => entry.login === "carol");
    expect(authorization).toMatchObject({ usedPkce: true, usedState: true, exchanged: true });
    expect(authorization?.redirectUri).toBe(`${gateway.url}/oauth2/github/callback`);
    const me = (await (await session.fetch("/api/me")).json()) as Json;
    expect(me.user).toMatchObject({ login: "carol", name: "Carol Tester", role: "user", image: expect.stringContaining("avatars.example.test") });
    const users = (await admin(gateway.url, adminKey, "/users?search=carol")).json.users as Json[];
    expect(users).toEqual([expect.objectContaining({ login: "carol", provider: "github", status: "active", githubId: expect.any(String), lastSignInAt: expect.any(Number) })]);
  });

  it("makes logins listed in ADMIN_GITHUB_LOGINS admins, whatever their case", async () => {
    const boss = await signedIn("boss");
    expect(((await (await boss.fetch("/api/me")).json()) as Json).user.role).toBe("admin");
    expect((await boss.fetch("/api/admin/users")).status).toBe(200);
  });

  it("turns away new people while the site is closed, but not existing users or admins", async () => {
    await signedIn("early-bird");
    await setSettings({ registrationOpen: false });
    expect(await new BrowserSession(gateway.url).signInWithGithub("newcomer")).toMatch(/\/login\?error=closed$/);
    await signedIn("early-bird");
    await signedIn("boss");
    expect(((await admin(gateway.url, adminKey, "/users?search=newcomer")).json.users as Json[]).length).toBe(0);
  });

  it("issues a new session at every sign-in, in an HttpOnly SameSite=Lax cookie", async () => {
    const first = new BrowserSession(gateway.url);
    await first.signInWithGithub("dave");
    const second = new BrowserSession(gateway.url);
    await second.signInWithGithub("dave");
    expect(first.cookieHeader()).not.toBe(second.cookieHeader());
    const probe = new BrowserSession(gateway.url);
    const csrf = await probe.fetch("/api/auth/csrf");
    const cookie = csrf.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });
});

describe("the operator password", () => {
  it("signs the operator in as an admin, and refuses a wrong password", async () => {
    const wrong = new BrowserSession(gateway.url);
    expect(await wrong.signInWithPassword("not-the-password")).toMatch(/error=CredentialsSignin/);
    expect(wrong.hasSession()).toBe(false);
    const operator = new BrowserSession(gateway.url);
    expect(await operator.signInWithPassword(operatorPassword)).toMatch(/\/admin$/);
    expect(((await (await operator.fetch("/api/me")).json()) as Json).user).toMatchObject({ login: "operator", role: "admin" });
  });
});

describe("users' API keys", () => {
  it("shows a key once, stores only its hash, and lets it call /v1 with both SDKs", async () => {
    const erin = await signedIn("erin");
    const { key, apiKey } = await createKey(erin, "laptop");
    expect(key).toMatch(/^sk-[A-Za-z0-9]{48}$/);
    expect(apiKey).toMatchObject({ name: "laptop", state: "active", displayPrefix: `${key.slice(0, 7)}…${key.slice(-4)}` });
    const listed = JSON.stringify(await (await erin.fetch("/api/me/keys")).json());
    expect(listed).not.toContain(key);
    expect(listed).not.toContain(key.slice(10));
    expect(JSON.stringify((await admin(gateway.url, adminKey, "/keys")).json)).not.toContain(key.slice(10));

    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: key });
    const message = await anthropic.messages.create({ model: "claude-sonnet-4-6", max_tokens: 100, messages: [{ role: "user", content: "hello from erin" }] });
    expect(message.content[0]).toMatchObject({ type: "text", text: expect.stringContaining("hello from erin") });
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key });
    const completion = await openai.chat.completions.create({ model: "claude-sonnet-4-6", messages: [{ role: "user", content: "hi from openai" }] });
    expect(completion.choices[0].message.content).toContain("hi from openai");

    const keys = (await (await erin.fetch("/api/me/keys")).json()) as Json;
    expect(keys.keys[0].lastUsedAt).toEqual(expect.any(Number));
  });

  it("stops a revoked or expired key at once, with a 401 in the caller's dialect", async () => {
    const frank = await signedIn("frank");
    const { key, apiKey } = await createKey(frank);
    expect((await ask(key)).status).toBe(200);
    expect((await frank.fetch(`/api/me/keys/${apiKey.id}`, { method: "DELETE" })).status).toBe(200);
    const refused = await ask(key);
    expect(refused).toMatchObject({ status: 401, json: { type: "error", error: { type: "authentication_error", message: expect.stringContaining("revoked") } } });
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 });
    await expect(openai.models.list()).rejects.toMatchObject({ status: 401 });
  });

  it("refuses a bad key request without storing anything, and enforces the live-key limit", async () => {
    const gina = await signedIn("gina");
    for (const body of [{}, { name: "" }, { name: "x".repeat(101) }, { name: "ok", expiresInDays: 0 }, { name: "ok", extra: true }, "not json"]) {
      const response = await gina.fetch("/api/me/keys", { method: "POST", body });
      expect(response.status).toBe(400);
      expect(((await response.json()) as Json).error.message).toEqual(expect.any(String));
    }
    expect(((await (await gina.fetch("/api/me/keys")).json()) as Json).keys).toHaveLength(0);
    for (let index = 0; index < 20; index += 1) await createKey(gina, `key ${index}`);
    const over = await gina.fetch("/api/me/keys", { method: "POST", body: { name: "one too many" } });
    expect(over.status).toBe(409);
  });

  it("lets no one touch another user's keys or credentials", async () => {
    const henry = await signedIn("henry");
    const ivy = await signedIn("ivy");
    const { key, apiKey } = await createKey(henry);
    expect((await ivy.fetch(`/api/me/keys/${apiKey.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await ask(key)).status).toBe(200);
    const donated = (await (await henry.fetch("/api/me/credentials", { method: "POST", body: { credentials: "henry-private-refresh" } })).json()) as Json;
    const credentialId = donated.results[0].id;
    expect((await ivy.fetch(`/api/me/credentials/${credentialId}`, { method: "PATCH", body: { enabled: false } })).status).toBe(404);
    expect((await ivy.fetch(`/api/me/credentials/${credentialId}`, { method: "DELETE" })).status).toBe(404);
    expect((await ivy.fetch(`/api/me/credentials/${credentialId}/test`, { method: "POST" })).status).toBe(404);
    expect(((await (await ivy.fetch("/api/me/credentials")).json()) as Json).credentials).toHaveLength(0);
    // Even the same token donated again is only reported as a duplicate, without its owner's id.
    const again = (await (await ivy.fetch("/api/me/credentials", { method: "POST", body: { credentials: "henry-private-refresh" } })).json()) as Json;
    expect(again.results[0]).toEqual({ index: 0, result: "duplicate" });
  });

  it("answers 401 without a session and 403 for a cross-site change, touching nothing", async () => {
    const anonymous = new BrowserSession(gateway.url);
    expect((await anonymous.fetch("/api/me/keys")).status).toBe(401);
    const jack = await signedIn("jack");
    for (const origin of ["https://evil.example", "null"]) {
      const forged = await jack.fetch("/api/me/keys", { method: "POST", body: { name: "forged" }, headers: { origin } });
      expect(forged.status).toBe(403);
    }
    const crossSite = await jack.fetch("/api/me/keys", { method: "POST", body: { name: "forged" }, headers: { "sec-fetch-site": "cross-site" } });
    expect(crossSite.status).toBe(403);
    expect(((await (await jack.fetch("/api/me/keys")).json()) as Json).keys).toHaveLength(0);
  });
});

describe("donated Kiro accounts", () => {
  it("checks a donation with a refresh, stores it encrypted, never shows it back, and refuses a dead token", async () => {
    const kate = await signedIn("kate");
    const refused = (await (await kate.fetch("/api/me/credentials", { method: "POST", body: { credentials: "invalid-kate-token" } })).json()) as Json;
    expect(refused).toMatchObject({ added: 0, invalid: 1 });
    const json = JSON.stringify({ refreshToken: "kate-idc-refresh", clientId: "kate-client", clientSecret: "kate-client-secret-value", region: "us-east-1" });
    const response = await kate.fetch("/api/me/credentials", { method: "POST", body: { credentials: json, visibility: "public", name: "kate's idc" } });
    const added = (await response.json()) as Json;
    expect(added).toMatchObject({ added: 1, invalid: 0 });
    const listing = await (await kate.fetch("/api/me/credentials")).text();
    expect(JSON.parse(listing).credentials).toEqual([expect.objectContaining({ name: "kate's idc", kind: "idc", visibility: "public", status: "active", ownerLogin: "kate" })]);
    const adminListing = JSON.stringify((await admin(gateway.url, adminKey, "/credentials")).json);
    for (const text of [listing, adminListing, JSON.stringify(added)]) {
      expect(text).not.toContain("kate-idc-refresh");
      expect(text).not.toContain("kate-client-secret-value");
    }
    expect(adminListing).toContain('"ownerLogin":"kate"');
  });

  it("lets an owner pause and resume their account, but not turn on one an admin disabled", async () => {
    const nora = await signedIn("nora");
    await nora.fetch("/api/me/credentials", { method: "POST", body: { credentials: "nora-social-refresh", visibility: "private" } });
    const id = (((await (await nora.fetch("/api/me/credentials")).json()) as Json).credentials as Json[])[0].id;
    const setOwn = async (enabled: boolean) => nora.fetch(`/api/me/credentials/${id}`, { method: "PATCH", body: { enabled } });
    expect((await setOwn(false)).status).toBe(200);
    expect((await setOwn(true)).status).toBe(200);
    expect((await admin(gateway.url, adminKey, `/credentials/${id}`, { method: "PATCH", body: { enabled: false } })).json).toMatchObject({ enabled: false, disabledByAdmin: true, ownerLogin: "nora" });
    expect((await admin(gateway.url, adminKey, `/credentials/${id}/test`, { method: "POST" })).json.credential).toMatchObject({ ownerLogin: "nora" });
    const refused = await setOwn(true);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as Json).error).toMatchObject({ message: expect.stringMatching(/admin disabled/) });
    expect(((await admin(gateway.url, adminKey, "/credentials")).json.credentials as Json[]).find((row) => row.id === id)).toMatchObject({ enabled: false });
    expect((await admin(gateway.url, adminKey, `/credentials/${id}`, { method: "PATCH", body: { enabled: true } })).json).toMatchObject({ enabled: true, disabledByAdmin: false });
    expect((await setOwn(false)).status).toBe(200);
    expect((await setOwn(true)).status).toBe(200);
  });

  it("serves a user's key from their private account first; nobody else's requests use it", async () => {
    const liam = await signedIn("liam");
    await liam.fetch("/api/me/credentials", { method: "POST", body: { credentials: "liam-private-refresh", visibility: "private" } });
    const { key } = await createKey(liam);
    const mia = await signedIn("mia");
    const { key: miaKey } = await createKey(mia);
    await mockState(mockUrl(), { reset: true });
    for (let index = 0; index < 3; index += 1) expect((await ask(key, `liam ${index}`)).status).toBe(200);
    expect(await usedRefreshTokens()).toEqual(["liam-private-refresh", "liam-private-refresh", "liam-private-refresh"]);

    await mockState(mockUrl(), { reset: true });
    for (let index = 0; index < 4; index += 1) {
      expect((await ask(miaKey, `mia ${index}`)).status).toBe(200);
      expect((await ask(proxyKey, `proxy ${index}`)).status).toBe(200);
    }
    expect(await usedRefreshTokens()).not.toContain("liam-private-refresh");

    // Paused, it serves nobody: Liam's key falls back to the public pool.
    const own = ((await (await liam.fetch("/api/me/credentials")).json()) as Json).credentials[0];
    expect((await liam.fetch(`/api/me/credentials/${own.id}`, { method: "PATCH", body: { enabled: false } })).status).toBe(200);
    await mockState(mockUrl(), { reset: true });
    expect((await ask(key, "while paused")).status).toBe(200);
    expect(await usedRefreshTokens()).not.toContain("liam-private-refresh");
  });

  it("with self-use only, serves users from their own accounts and turns away those without", async () => {
    const noah = await signedIn("noah");
    await noah.fetch("/api/me/credentials", { method: "POST", body: { credentials: "noah-private-refresh" } });
    const { key: noahKey } = await createKey(noah);
    const olivia = await signedIn("olivia");
    const { key: oliviaKey } = await createKey(olivia);
    await setSettings({ selfUseOnly: true });
    await mockState(mockUrl(), { reset: true });
    expect((await ask(noahKey)).status).toBe(200);
    expect(await usedRefreshTokens()).toEqual(["noah-private-refresh"]);
    const refused = await ask(oliviaKey);
    expect(refused).toMatchObject({ status: 503, json: { error: { message: expect.stringContaining("own") } } });
    expect((await ask(proxyKey)).status).toBe(200);
  });
});

describe("the admin", () => {
  it("bans a user: their session and keys stop at once; unbanning restores them", async () => {
    const paul = await signedIn("paul");
    const { key } = await createKey(paul);
    expect((await ask(key)).status).toBe(200);
    const user = ((await admin(gateway.url, adminKey, "/users?search=paul")).json.users as Json[])[0];
    expect((await admin(gateway.url, adminKey, `/users/${user.id}`, { method: "PATCH", body: { status: "banned" } })).status).toBe(200);
    expect((await ask(key)).status).toBe(401);
    expect((await paul.fetch("/api/me")).status).toBe(401);
    const lastSignInAt = ((await admin(gateway.url, adminKey, "/users?search=paul")).json.users as Json[])[0].lastSignInAt;
    expect(await new BrowserSession(gateway.url).signInWithGithub("paul")).toMatch(/\/login\?error=banned$/);
    // A refused sign-in is not a sign-in.
    expect(((await admin(gateway.url, adminKey, "/users?search=paul")).json.users as Json[])[0].lastSignInAt).toBe(lastSignInAt);
    await admin(gateway.url, adminKey, `/users/${user.id}`, { method: "PATCH", body: { status: "active" } });
    expect((await ask(key)).status).toBe(200);
    // The unban does not revive the session the ban ended; a new sign-in works.
    expect((await paul.fetch("/api/me")).status).toBe(401);
    const again = await signedIn("paul");
    expect((await again.fetch("/api/me")).status).toBe(200);
  });

  it("ends exactly the signed-out session: a copy of its cookie stops working, other sessions go on", async () => {
    const laptop = await signedIn("sofia");
    const phone = await signedIn("sofia");
    const copiedCookie = laptop.cookieHeader();
    expect((await fetch(`${gateway.url}/api/me`, { headers: { cookie: copiedCookie } })).status).toBe(200);
    const csrf = (await (await laptop.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const signOut = await laptop.fetch("/api/auth/signout", {
      method: "POST",
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: "/" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(signOut.status).toBe(302);
    expect(laptop.hasSession()).toBe(false);
    expect((await fetch(`${gateway.url}/api/me`, { headers: { cookie: copiedCookie } })).status).toBe(401);
    expect((await phone.fetch("/api/me")).status).toBe(200);
  });

  it("cannot ban themself from a session", async () => {
    const boss = await signedIn("boss");
    const me = ((await (await boss.fetch("/api/me")).json()) as Json).user;
    const response = await boss.fetch(`/api/admin/users/${me.id}`, { method: "PATCH", body: { status: "banned" } });
    expect(response.status).toBe(400);
  });

  it("blocks an address on /v1 and at sign-in, and unblocks it", async () => {
    const quinn = await signedIn("quinn");
    const { key } = await createKey(quinn);
    expect((await admin(gateway.url, adminKey, "/ip-blocks", { method: "POST", body: { range: "not an address" } })).status).toBe(400);
    const block = await admin(gateway.url, adminKey, "/ip-blocks", { method: "POST", body: { range: "127.0.0.0/8", note: "test" } });
    expect(block.status).toBe(201);
    try {
      expect(await ask(key)).toMatchObject({ status: 403, json: { type: "error", error: { type: "permission_error" } } });
      const openai = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${proxyKey}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "claude-sonnet-4-6", messages: [{ role: "user", content: "hi" }] }),
      });
      expect(openai.status).toBe(403);
      expect(((await openai.json()) as Json).error).toMatchObject({ type: expect.any(String), message: expect.stringContaining("blocked") });
      expect(await new BrowserSession(gateway.url).signInWithGithub("quinn")).toMatch(/\/login\?error=blocked$/);
    } finally {
      expect((await admin(gateway.url, adminKey, `/ip-blocks/${block.json.id}`, { method: "DELETE" })).status).toBe(200);
    }
    expect((await ask(key)).status).toBe(200);
  });

  it("ignores X-Forwarded-For from an untrusted peer, so a block cannot be dodged", async () => {
    const block = await admin(gateway.url, adminKey, "/ip-blocks", { method: "POST", body: { range: "127.0.0.1" } });
    try {
      const response = await fetch(`${gateway.url}/v1/messages`, {
        method: "POST",
        headers: { "x-api-key": proxyKey, "x-forwarded-for": "198.51.100.7", "content-type": "application/json" },
        body: JSON.stringify({ model: "claude-sonnet-4-6", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }),
      });
      expect(response.status).toBe(403);
    } finally {
      await admin(gateway.url, adminKey, `/ip-blocks/${block.json.id}`, { method: "DELETE" });
    }
  });

  it("changes settings without a restart and validates them", async () => {
    expect((await setSettings({ forceModel: "gpt-4o" })).status).toBe(400);
    expect((await setSettings({ debugMode: "verbose" })).status).toBe(400);
    expect((await setSettings({ unknown: true })).status).toBe(400);
    expect((await setSettings({ announcement: "Maintenance on Sunday <b>not html</b>" })).status).toBe(200);
    const rose = await signedIn("rose");
    expect(((await (await rose.fetch("/api/me")).json()) as Json).announcement).toBe("Maintenance on Sunday <b>not html</b>");

    const forced = await setSettings({ forceModel: "claude-haiku-4-5" });
    expect(forced.json).toMatchObject({ forceModel: "claude-haiku-4-5" });
    try {
      await mockState(mockUrl(), { reset: true });
      expect((await ask(proxyKey)).status).toBe(200);
      const sent = (await mockState(mockUrl())).requests[0].body as Json;
      expect(JSON.stringify(sent)).toMatch(/haiku/i);
    } finally {
      await setSettings({ forceModel: null });
    }
    const strategy = await setSettings({ tokenAllocationStrategy: "round_robin" });
    expect(strategy.json.tokenAllocationStrategy).toBe("round_robin");
    await setSettings({ tokenAllocationStrategy: "score_based" });
  });

  it("filters the request log and sums usage in the overview and per user", async () => {
    const sam = await signedIn("sam");
    const { key, apiKey } = await createKey(sam);
    for (let index = 0; index < 3; index += 1) expect((await ask(key, `sam ${index}`)).status).toBe(200);
    const user = ((await admin(gateway.url, adminKey, "/users?search=sam")).json.users as Json[])[0];
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const byUser = (await admin(gateway.url, adminKey, `/records?userId=${user.id}`)).json.records as Json[];
    expect(byUser).toHaveLength(3);
    expect(byUser.every((record) => record.apiKeyId === apiKey.id && record.keyLabel === `key:${apiKey.id}`)).toBe(true);
    expect((await admin(gateway.url, adminKey, `/records?apiKeyId=${apiKey.id}&status=errors`)).json.records).toHaveLength(0);
    expect((await admin(gateway.url, adminKey, `/records?userId=${user.id}&model=claude-sonnet-4-6&status=200`)).json.records).toHaveLength(3);
    expect((await admin(gateway.url, adminKey, "/records?status=abc")).status).toBe(400);

    const overview = (await admin(gateway.url, adminKey, "/overview?window=hour")).json;
    // An hour of one-minute buckets, the first one partly before the window.
    expect(overview.series.length).toBeGreaterThanOrEqual(60);
    expect(overview.series.length).toBeLessThanOrEqual(61);
    expect(overview.totals.requests).toBeGreaterThanOrEqual(3);
    expect(overview.topUsers).toEqual(expect.arrayContaining([expect.objectContaining({ login: "sam", requests: 3 })]));
    expect(overview.pool.total).toBeGreaterThanOrEqual(1);
    expect((await admin(gateway.url, adminKey, "/overview?window=year")).status).toBe(400);

    const usage = (await (await sam.fetch("/api/me/usage")).json()) as Json;
    expect(usage.series.reduce((sum: number, bucket: Json) => sum + bucket.requests, 0)).toBe(3);
    const details = (await admin(gateway.url, adminKey, `/users/${user.id}`)).json;
    expect(details.keys).toHaveLength(1);
    expect(details.usage.reduce((sum: number, bucket: Json) => sum + bucket.requests, 0)).toBe(3);
  });
});

describe("every admin action", () => {
  // Each admin route and method, with a body that would succeed for an admin.
  const actions: Array<{ method: string; path: string; body?: Json }> = [
    { method: "GET", path: "/api/admin/overview" },
    { method: "GET", path: "/api/admin/users" },
    { method: "GET", path: "/api/admin/users/1" },
    { method: "PATCH", path: "/api/admin/users/1", body: { status: "banned" } },
    { method: "GET", path: "/api/admin/credentials" },
    { method: "POST", path: "/api/admin/credentials", body: { credentials: "forged-refresh" } },
    { method: "PATCH", path: "/api/admin/credentials/1", body: { enabled: false } },
    { method: "DELETE", path: "/api/admin/credentials/1" },
    { method: "POST", path: "/api/admin/credentials/1/test" },
    { method: "POST", path: "/api/admin/credentials/1/refresh" },
    { method: "GET", path: "/api/admin/keys" },
    { method: "DELETE", path: "/api/admin/keys/1" },
    { method: "GET", path: "/api/admin/ip-blocks" },
    { method: "POST", path: "/api/admin/ip-blocks", body: { range: "192.0.2.1" } },
    { method: "DELETE", path: "/api/admin/ip-blocks/1" },
    { method: "GET", path: "/api/admin/settings" },
    { method: "PATCH", path: "/api/admin/settings", body: { registrationOpen: false } },
    { method: "GET", path: "/api/admin/records" },
  ];

  it("refuses a signed-in non-admin (403) and no one at all (401)", async () => {
    const tom = await signedIn("tom");
    const anonymous = new BrowserSession(gateway.url);
    for (const action of actions) {
      const asUser = await tom.fetch(action.path, { method: action.method, body: action.body });
      expect(asUser.status, `${action.method} ${action.path}`).toBe(403);
      const asNobody = await anonymous.fetch(action.path, { method: action.method, body: action.body });
      expect(asNobody.status, `${action.method} ${action.path}`).toBe(401);
    }
  });

  it("refuses an admin's session on a forged cross-site request, and changes nothing", async () => {
    const boss = await signedIn("boss");
    const before = (await admin(gateway.url, adminKey, "/credentials")).json.credentials.length;
    for (const action of actions.filter((entry) => entry.method !== "GET")) {
      const forgeries: Array<Record<string, string>> = [{ origin: "https://evil.example" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, { origin: "" }];
      for (const headers of forgeries) {
        const response = await boss.fetch(action.path, { method: action.method, body: action.body, headers });
        expect(response.status, `${action.method} ${action.path} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    expect((await admin(gateway.url, adminKey, "/credentials")).json.credentials.length).toBe(before);
    expect((await admin(gateway.url, adminKey, "/ip-blocks")).json.blocks).toHaveLength(0);
    expect((await admin(gateway.url, adminKey, "/settings")).json.registrationOpen).toBe(true);
    // The same admin, same-origin, is allowed.
    expect((await boss.fetch("/api/admin/settings", { method: "PATCH", body: { announcement: "from the panel" } })).status).toBe(200);
  });
});

describe("sign-in on a gateway listening on every interface, as ./run.sh starts it", () => {
  it("tells GitHub the same callback URL at sign-in and at the code exchange: the address the browser used", async () => {
    const port = await freePort();
    const wide = await startGatewayProcess({
      ...mockedGatewayEnvironment(mockUrl(), proxyKey),
      PORT: String(port),
      HOSTNAME: "0.0.0.0",
      DATABASE_URL: `file:${path.join(folder, "wide.db")}`,
      GITHUB_CLIENT_ID: github.clientId,
      GITHUB_CLIENT_SECRET: github.clientSecret,
      GITHUB_ENTERPRISE_URL: github.url,
    });
    try {
      const session = new BrowserSession(`http://localhost:${port}`);
      expect(await session.signInWithGithub("wanderer")).toBe(`http://localhost:${port}/dashboard`);
      expect(github.authorizations.find((entry) => entry.login === "wanderer")).toMatchObject({ redirectUri: `http://localhost:${port}/api/auth/callback/github`, exchanged: true });
      expect(((await (await session.fetch("/api/me")).json()) as Json).user.login).toBe("wanderer");
    } finally {
      await wide.stop();
    }
  });
});

describe("bad input to the dashboard and admin APIs", () => {
  it("answers 400 for malformed ids and names, 409 for a blocked range, and never 500", async () => {
    const ursula = await signedIn("ursula");
    for (const id of ["abc", "0x5", "1e0", "-1", "1.5", "0", "..%2F..%2Fetc"]) {
      expect((await ursula.fetch(`/api/me/keys/${id}`, { method: "DELETE" })).status, id).toBe(400);
      expect((await admin(gateway.url, adminKey, `/keys/${id}`, { method: "DELETE" })).status, id).toBe(400);
      expect((await admin(gateway.url, adminKey, `/ip-blocks/${id}`, { method: "DELETE" })).status, id).toBe(400);
    }
    for (const name of ["\u0000nul", "two\nlines", "   "]) expect((await ursula.fetch("/api/me/keys", { method: "POST", body: { name } })).status).toBe(400);
    for (const window of ["__proto__", "constructor", "toString"]) expect((await admin(gateway.url, adminKey, `/overview?window=${window}`)).status).toBe(400);
    const tooBig = await ursula.fetch("/api/me/keys", { method: "POST", body: { name: "x".repeat(20_000) } });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as Json).error.message).toBe("Request body exceeds 16 KiB.");

    const first = await admin(gateway.url, adminKey, "/ip-blocks", { method: "POST", body: { range: "203.0.113.0/24", note: "kept" } });
    const again = await admin(gateway.url, adminKey, "/ip-blocks", { method: "POST", body: { range: " 203.0.113.0/24 ", note: "overwrite?" } });
    expect(again.status).toBe(409);
    expect(((await admin(gateway.url, adminKey, "/ip-blocks")).json.blocks as Json[]).find((block) => block.id === first.json.id)?.note).toBe("kept");
    await admin(gateway.url, adminKey, `/ip-blocks/${first.json.id}`, { method: "DELETE" });

    const extra = await admin(gateway.url, adminKey, "/credentials", { method: "POST", body: { credentials: "admin-extra-field", visibility: "private" } });
    expect(extra.status).toBe(400);
  });

  it("refuses credentials whose region would point a refresh at another host", async () => {
    const victor = await signedIn("victor");
    for (const region of ["us-east-1@evil.example", "x@127.0.0.1:9/", "../../etc"]) {
      const response = await victor.fetch("/api/me/credentials", { method: "POST", body: { credentials: { refreshToken: `region-${region.length}`, region } } });
      expect(response.status).toBe(400);
      expect(((await response.json()) as Json).error.message).toContain("not an AWS region");
    }
    expect(((await (await victor.fetch("/api/me/credentials")).json()) as Json).credentials).toHaveLength(0);
  });

  it("logs a forged session cookie as one line, without a stack trace or the cookie's contents", async () => {
    const before = gateway.output().length;
    const forged = await fetch(`${gateway.url}/api/me`, { headers: { cookie: "authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..forged.forged.forged" } });
    expect(forged.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const logged = gateway.output().slice(before);
    expect(logged).toMatch(/sign-in failed: JWTSessionError/);
    expect(logged).not.toMatch(/^\s+at /m);
  });

  it("does not let anyone ban an admin", async () => {
    await signedIn("boss");
    const operator = new BrowserSession(gateway.url);
    await operator.signInWithPassword(operatorPassword);
    const users = (await admin(gateway.url, adminKey, "/users")).json.users as Json[];
    for (const login of ["boss", "operator"]) {
      const target = users.find((user) => user.login === login) as Json;
      expect(target.role).toBe("admin");
      const response = await admin(gateway.url, adminKey, `/users/${target.id}`, { method: "PATCH", body: { status: "banned" } });
      expect(response.status).toBe(400);
    }
  });
});
