import { defineConfig } from "@playwright/test";

// End-to-end tests in Debian's Chromium (Playwright cannot download browsers here; see
// toolchain.md). The gateway, the Kiro mock and a mock GitHub Enterprise are started by
// e2e/global-setup.ts. Pages are browsed at localhost, not 127.0.0.1: Next rebuilds request URLs
// with "localhost", and Auth.js's cookies must be set for the host the browser uses.
const port = Number(process.env.E2E_PORT ?? 9310);

export default defineConfig({
  testDir: "./e2e",
  globalSetup: "./e2e/global-setup.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
});
