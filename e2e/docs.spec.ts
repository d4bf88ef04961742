import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { e2eAdminKey, e2eProxyKey } from "./global-setup";

// The public face: /docs with a live key and copy-ready setups (one of them run for real with the
// Claude Code CLI), the Swagger reference, the share image, the playground, /status and Chinese.
test.describe.configure({ mode: "serial" });

const run = promisify(execFile);
const projectRoot = path.resolve(import.meta.dirname, "..");
const gatewayUrl = () => process.env.E2E_GATEWAY_URL as string;

async function signedInPage(browser: Browser, login: string, options: Parameters<Browser["newContext"]>[0] = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("button", { name: /GitHub/ }).click();
  await page.getByLabel("GitHub login").fill(login);
  await page.getByRole("button", { name: "Authorize" }).click();
  await page.waitForURL("**/dashboard");
  return page;
}

async function setDocsShowProxyKey(value: "off" | "signed_in" | "public" | null) {
  const response = await fetch(`${gatewayUrl()}/api/admin/settings`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${e2eAdminKey}`, "content-type": "application/json" },
    body: JSON.stringify({ docsShowProxyKey: value }),
  });
  expect(response.status).toBe(200);
}

test("/docs shows the live base URL and a new working key, and its Claude Code snippet works in a real `claude -p`", async ({ browser, baseURL }) => {
  const page = await signedInPage(browser, "docs-reader");
  await page.goto("/docs");
  await expect(page.getByTestId("docs-base-url")).toHaveText(baseURL as string);
  await expect(page.getByTestId("docs-key")).toHaveText("YOUR_API_KEY");
  await page.getByTestId("docs-create-key").click();
  await expect(page.getByTestId("docs-key")).toHaveText(/^sk-[A-Za-z0-9]{48}$/);
  const key = (await page.getByTestId("docs-key").textContent()) as string;

  const snippet = (await page.getByTestId("snippet-claude-code-env").textContent()) as string;
  expect(snippet).toContain(key);
  expect(snippet).toContain(baseURL as string);
  for (const id of ["claude-code-settings", "anthropic-python", "anthropic-typescript", "openai-python", "openai-typescript", "factory", "vercel-ai-sdk", "cursor", "curl-anthropic", "curl-openai"]) {
    await expect(page.getByTestId(`snippet-${id}`)).toContainText(key);
  }
  await expect(page.getByTestId("snippet-cursor")).toContainText("kirogate:sonnet-4-6");

  // Paste the snippet into a shell as a person would, asking Claude Code one question instead of opening its UI.
  const home = await fs.mkdtemp(path.join(os.tmpdir(), "kirogate-docs-claude-"));
  try {
    const script = snippet.replace(/^claude$/m, 'claude -p "hello from the docs snippet"');
    const { stdout } = await run("bash", ["-c", script], {
      cwd: home,
      timeout: 60_000,
      env: {
        PATH: `${path.join(projectRoot, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
        HOME: home,
        NODE_ENV: "production",
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
        DISABLE_AUTOUPDATER: "1",
      },
    });
    expect(stdout).toContain("You said: hello from the docs snippet");
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
});

test("the copy buttons copy the snippet with the key in it", async ({ browser }) => {
  const page = await signedInPage(browser, "docs-copier", { permissions: ["clipboard-read", "clipboard-write"] });
  await page.goto("/docs");
  await page.getByLabel("Or paste a key you saved").fill(e2eProxyKey);
  await page.getByRole("button", { name: "Use", exact: true }).click();
  for (const id of ["claude-code-settings", "openai-python", "curl-anthropic"]) {
    await page.getByTestId(`copy-${id}`).click();
    await expect(page.getByTestId(`copy-${id}`)).toHaveText(/Copied/);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.getByTestId(`snippet-${id}`).textContent());
    expect(copied).toContain(e2eProxyKey);
  }
  await page.getByTestId("copy-base-url").click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.getByTestId("docs-base-url").textContent());
});

test("\"Test this key\" streams a reply and counts tokens; a bad key shows the gateway's error", async ({ browser }) => {
  const page = await signedInPage(browser, "docs-tester");
  await page.goto("/docs");
  await expect(page.getByTestId("docs-test-key")).toBeDisabled();
  await page.getByTestId("docs-create-key").click();
  await expect(page.getByTestId("docs-key")).toHaveText(/^sk-/);
  await page.getByTestId("docs-test-key").click();
  await expect(page.getByTestId("docs-test-status")).toHaveText("200");
  await expect(page.getByTestId("docs-test-reply")).toContainText("You said: Say hello in five words.");
  await expect(page.getByTestId("docs-test-ttft")).toHaveText(/^\d+ ms$/);
  await expect(page.getByTestId("docs-test-input-tokens")).toHaveText(/^\d+$/);

  await page.getByLabel("Or paste a key you saved").fill("sk-not-a-real-key");
  await page.getByRole("button", { name: "Use", exact: true }).click();
  await page.getByTestId("docs-test-key").click();
  await expect(page.getByTestId("docs-test-status")).toHaveText("401");
  await expect(page.getByTestId("docs-test-result")).toContainText("Invalid API key");
});

test("anonymous visitors see a placeholder and a sign-in button; the admin can show PROXY_API_KEY to signed-in people", async ({ browser }) => {
  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto("/docs");
  await expect(anonymous.getByTestId("docs-key")).toHaveText("YOUR_API_KEY");
  await expect(anonymous.getByRole("link", { name: "Sign in to get a key" })).toBeVisible();
  await expect(anonymous.getByTestId("snippet-openai-python")).toContainText("YOUR_API_KEY");
  expect(await anonymous.content()).not.toContain(e2eProxyKey);

  await setDocsShowProxyKey("signed_in");
  try {
    const member = await signedInPage(browser, "docs-member");
    await member.goto("/docs");
    await expect(member.getByTestId("docs-key")).toHaveText(e2eProxyKey);
    await expect(member.getByTestId("snippet-claude-code-env")).toContainText(e2eProxyKey);
    await anonymous.reload();
    expect(await anonymous.content()).not.toContain(e2eProxyKey);
  } finally {
    await setDocsShowProxyKey(null);
  }
});

test("Swagger lists every /v1 operation and Try it out on /v1/messages returns 200", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The key the playground saved in this browser is filled into Swagger's Authorize.
  await page.goto("/playground");
  await page.evaluate((key) => localStorage.setItem("kirogate-api-key", key), e2eProxyKey);
  await page.goto("/docs/api");
  const swagger = page.getByTestId("swagger");
  for (const [method, route] of [
    ["POST", "/v1/messages"],
    ["POST", "/v1/messages/count_tokens"],
    ["POST", "/v1/chat/completions"],
    ["GET", "/v1/models"],
    ["GET", "/v1/models/{model}"],
  ]) {
    await expect(swagger.locator(".opblock").filter({ has: page.locator(".opblock-summary-method", { hasText: method }) }).filter({ has: page.locator(`[data-path="${route}"]`) }).first()).toBeVisible();
  }
  const operation = swagger.locator("#operations-Anthropic-createMessage");
  await operation.locator(".opblock-summary").click();
  const tryItOut = operation.getByRole("button", { name: "Try it out" });
  if (await tryItOut.isVisible()) await tryItOut.click();
  await operation.getByRole("button", { name: "Execute" }).click();
  await expect(operation.locator(".live-responses-table tr.response td.response-col_status").first()).toHaveText("200", { timeout: 20_000 });
  await expect(operation.locator(".live-responses-table")).toContainText("Hello from the Kiro mock");
});

test("the share image is a 1200×630 PNG, and /docs and / carry Open Graph and Twitter card metadata", async ({ page, request }) => {
  const image = await request.get("/og?page=docs");
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/png");
  const bytes = await image.body();
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  // IHDR: width and height are the first two big-endian 32-bit numbers after the 16-byte signature and chunk header.
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1200, 630]);

  for (const [route, imagePage] of [
    ["/docs", "docs"],
    ["/", "home"],
  ]) {
    await page.goto(route);
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", new RegExp(`/og\\?page=${imagePage}$`));
    await expect(page.locator('meta[property="og:image:width"]')).toHaveAttribute("content", "1200");
    await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /KiroGate/);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /.+/);
  }
});

test("the playground streams a reply with its thinking shown apart, in both dialects, and can stop", async ({ page }) => {
  await page.goto("/playground");
  await page.getByLabel("API key").fill(e2eProxyKey);
  await page.getByLabel("Thinking", { exact: true }).click();
  await page.getByLabel("Message").fill("What is the gateway?");
  await page.getByTestId("playground-send").click();
  await expect(page.getByTestId("playground-answer").last()).toContainText("You said: What is the gateway?");
  await expect(page.getByTestId("playground-thinking").last()).toContainText("Let me weigh this");
  await expect(page.getByTestId("playground-answer").last()).not.toContainText("Let me weigh this");

  await page.getByLabel("API dialect").selectOption("openai");
  await page.getByLabel("Message").fill("And in the OpenAI dialect?");
  await page.getByTestId("playground-send").click();
  await expect(page.getByTestId("playground-answer").last()).toContainText("You said: And in the OpenAI dialect?");
  await expect(page.getByTestId("playground-thinking")).toHaveCount(2);

  // A slow reply is stopped mid-way.
  await page.getByLabel("Message").fill("[mock:delay:5000] take your time");
  await page.getByTestId("playground-send").click();
  await page.getByTestId("playground-stop").click();
  await expect(page.getByText("Stopped.")).toBeVisible();
  await expect(page.getByTestId("playground-send")).toBeVisible();

  // The key is remembered in this browser.
  await page.reload();
  await expect(page.getByLabel("API key")).toHaveValue(e2eProxyKey);
});

test("the language switch and Accept-Language turn the UI into Chinese", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/docs");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Set up your tools");
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("配置你的工具");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("link", { name: "文档" })).toBeVisible();
  await page.goto("/status");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("运行状态");
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Status");

  const chinese = await (await browser.newContext({ locale: "zh-CN", extraHTTPHeaders: { "accept-language": "zh-CN,zh;q=0.9" } })).newPage();
  await chinese.goto("/login");
  await expect(chinese.getByRole("button", { name: "使用 GitHub 登录" })).toBeVisible();
});

test("/status and the landing page show the pool's health without secrets", async ({ page }) => {
  await page.goto("/status");
  await expect(page.getByTestId("status-state")).toHaveText(/Operational|Degraded/);
  const html = await page.content();
  for (const secret of [e2eProxyKey, e2eAdminKey, "e2e-operator-refresh"]) expect(html).not.toContain(secret);
  await page.goto("/");
  await expect(page.getByTestId("status-state")).toBeVisible();
  await expect(page.getByRole("link", { name: /Docs/ }).first()).toBeVisible();
});
