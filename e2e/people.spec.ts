import { expect, test, type Browser, type Page } from "@playwright/test";
import { e2eAdminKey, e2eOperatorPassword, e2eProxyKey } from "./global-setup";

// One story, in order: a person signs in with GitHub, makes a key and uses it, donates a private
// Kiro account that then serves their requests; an admin bans them; the operator signs in with the
// password and blocks an address.
test.describe.configure({ mode: "serial" });

const gatewayUrl = () => process.env.E2E_GATEWAY_URL as string;
const kiroMockUrl = () => process.env.E2E_KIRO_MOCK_URL as string;
let userKey = "";

/** Calls /v1/messages with `key` from the test (as a client program would). */
async function askGateway(key: string, content: string) {
  const response = await fetch(`${gatewayUrl()}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": key, "anthropic-version": "2023-06-01" },
    body: JSON.stringify({ model: "claude-sonnet-4-6", max_tokens: 100, messages: [{ role: "user", content }] }),
  });
  return { status: response.status, body: (await response.json()) as { content?: Array<{ text: string }>; error?: { type: string; message: string } } };
}

async function signInWithGithub(page: Page, login: string) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Continue with GitHub" }).click();
  // The mock GitHub Enterprise's authorize page.
  await expect(page.getByRole("heading", { name: "Authorize application" })).toBeVisible();
  await page.getByLabel("GitHub login").fill(login);
  await page.getByRole("button", { name: "Authorize" }).click();
  await page.waitForURL("**/dashboard");
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("dialog", (dialog) => void dialog.accept());
  return page;
}

test("a person signs in with GitHub (Enterprise), creates a key and uses it on /v1/messages", async ({ browser }) => {
  const page = await newPage(browser);
  await signInWithGithub(page, "e2e-alice");
  await expect(page.getByRole("heading", { name: "Hello, E2e-alice Tester" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText("e2e-alice");

  await page.getByLabel("Name", { exact: true }).fill("my laptop");
  await page.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByTestId("created-key");
  await expect(shown).toHaveText(/^sk-[A-Za-z0-9]{48}$/);
  userKey = (await shown.textContent()) ?? "";
  await page.keyboard.press("Escape");
  const row = page.locator("[data-testid^=api-key-]").filter({ hasText: "my laptop" });
  await expect(row).toContainText("active");
  // The page never shows the key again, only its short form.
  await page.reload();
  await expect(page.getByText(userKey)).toHaveCount(0);
  await expect(page.locator("[data-testid^=api-key-]").filter({ hasText: "my laptop" })).toContainText(`${userKey.slice(0, 7)}…${userKey.slice(-4)}`);

  const answer = await askGateway(userKey, "hello from the browser test");
  expect(answer.status).toBe(200);
  expect(answer.body.content?.[0]?.text).toContain("hello from the browser test");
});

test("the person donates a private Kiro account, and their next request is served by it", async ({ browser }) => {
  const page = await newPage(browser);
  await signInWithGithub(page, "e2e-alice");
  await page.getByLabel("Refresh token or credentials JSON").fill("e2e-alice-private-refresh");
  await page.getByLabel("Visibility").selectOption("private");
  await page.getByLabel("Name (optional)").fill("alice's kiro");
  await page.getByRole("button", { name: "Add account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 added" })).toBeVisible();
  const row = page.locator("[data-testid^=credential-]").filter({ hasText: "alice's kiro" });
  await expect(row).toContainText("private");
  await expect(row).toContainText("active");
  // Never the token itself.
  await expect(page.getByText("e2e-alice-private-refresh")).toHaveCount(0);

  await fetch(`${kiroMockUrl()}/__mock/state`, { method: "POST" });
  expect((await askGateway(userKey, "served by my own account")).status).toBe(200);
  const state = (await (await fetch(`${kiroMockUrl()}/__mock/state`)).json()) as { requests: Array<{ refreshToken: string }> };
  expect(state.requests.map((request) => request.refreshToken)).toEqual(["e2e-alice-private-refresh"]);
  // The dashboard counts it once the request's record is written.
  await expect
    .poll(async () => {
      await page.reload();
      return page.locator("[data-testid^=credential-]").filter({ hasText: "alice's kiro" }).locator("td").nth(4).textContent();
    })
    .toBe("1");
});

test("an admin bans the person: their key fails with 401 at once", async ({ browser }) => {
  const page = await newPage(browser);
  await signInWithGithub(page, "e2e-boss");
  await page.getByRole("link", { name: "Admin" }).click();
  await page.waitForURL("**/admin");
  await page.getByRole("tab", { name: "Users" }).click();
  const row = page.getByTestId("user-e2e-alice");
  await expect(row).toContainText("active");
  await row.getByRole("button", { name: "Ban" }).click();
  await expect(row).toContainText("banned");

  const refused = await askGateway(userKey, "am I still in?");
  expect(refused.status).toBe(401);
  expect(refused.body.error?.type).toBe("authentication_error");

  // Banned, they cannot sign in again either.
  const alice = await newPage(browser);
  await alice.goto("/login");
  await alice.getByRole("button", { name: "Continue with GitHub" }).click();
  await alice.getByLabel("GitHub login").fill("e2e-alice");
  await alice.getByRole("button", { name: "Authorize" }).click();
  await expect(alice.getByTestId("login-error")).toContainText("banned");
});

test("the operator signs in with the password; a wrong one is refused", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto("/login");
  await page.getByLabel("Operator password").fill("not the password");
  await page.getByRole("button", { name: "Sign in as operator" }).click();
  await expect(page.getByTestId("login-error")).toContainText("Wrong password");
  await page.getByLabel("Operator password").fill(e2eOperatorPassword);
  await page.getByRole("button", { name: "Sign in as operator" }).click();
  await page.waitForURL("**/admin");
  await expect(page.getByRole("heading", { name: "Admin" })).toBeVisible();
  await expect(page.getByTestId("overview-requests")).toHaveText(/\d/);
});

test("the admin blocks an address: /v1 answers 403 and sign-in is refused, until unblocked", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto("/login");
  await page.getByLabel("Operator password").fill(e2eOperatorPassword);
  await page.getByRole("button", { name: "Sign in as operator" }).click();
  await page.waitForURL("**/admin");
  await page.getByRole("tab", { name: "IP blocklist" }).click();
  await page.getByLabel("Address or CIDR range").fill("127.0.0.0/8");
  await page.getByLabel("Note").fill("e2e");
  await page.getByRole("button", { name: "Block", exact: true }).click();
  const row = page.getByRole("row").filter({ hasText: "127.0.0.0/8" });
  await expect(row).toBeVisible();
  try {
    const blocked = await askGateway(e2eProxyKey, "blocked?");
    expect(blocked.status).toBe(403);
    expect(blocked.body.error?.type).toBe("permission_error");
    const stranger = await newPage(browser);
    await stranger.goto("/login");
    await expect(stranger.getByTestId("login-error")).toContainText("blocked");
    await expect(stranger.getByRole("button", { name: "Continue with GitHub" })).toHaveCount(0);
  } finally {
    await row.getByRole("button", { name: "Unblock" }).click();
    await expect(page.getByText("Nothing is blocked.")).toBeVisible();
  }
  expect((await askGateway(e2eProxyKey, "free again")).status).toBe(200);
  // The admin API key works beside sessions, for scripts.
  const listed = await fetch(`${gatewayUrl()}/api/admin/ip-blocks`, { headers: { authorization: `Bearer ${e2eAdminKey}` } });
  expect(((await listed.json()) as { blocks: unknown[] }).blocks).toHaveLength(0);
});

test("the pages work in dark mode and on a phone-sized screen", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.getByRole("button", { name: "Toggle dark mode" }).click();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  // Nothing wider than the screen: no page scrolls sideways (wide tables and code scroll inside their box).
  for (const path of ["/login", "/", "/docs", "/playground", "/status"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  // Every header control stays reachable on a phone.
  await expect(page.getByRole("link", { name: "Playground" })).toBeInViewport();
  await expect(page.getByTestId("language-switch")).toBeInViewport();
});
