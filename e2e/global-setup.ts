import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startGithubMock } from "../tests/github-mock/github-mock-server";
import { startKiroMock } from "../tests/kiro-mock/kiro-mock-server";
import { mockedGatewayEnvironment, startGatewayProcess } from "../tests/support/gateway-process";

/** What the specs need to know, passed through the environment (which Playwright's workers inherit). */
export const e2eProxyKey = "sk-e2e-proxy-key";
export const e2eAdminKey = "kga-e2e-admin-key-0123";
export const e2eOperatorPassword = "e2e-operator-password-0123";

/**
 * Starts the Kiro mock, a mock GitHub Enterprise and the built gateway (KiroGate's server, as
 * `./run.sh` runs it) with GitHub sign-in pointed at the mock, `e2e-boss` as an admin login and an
 * operator password. Returns the teardown.
 */
export default async function globalSetup() {
  const port = Number(process.env.E2E_PORT ?? 9310);
  const kiro = await startKiroMock();
  const github = await startGithubMock();
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), "kirogate-e2e-"));
  const gateway = await startGatewayProcess({
    ...mockedGatewayEnvironment(kiro.url, e2eProxyKey),
    PORT: String(port),
    DATABASE_URL: `file:${path.join(folder, "gateway.db")}`,
    REFRESH_TOKEN: "e2e-operator-refresh",
    ADMIN_API_KEY: e2eAdminKey,
    ADMIN_PASSWORD: e2eOperatorPassword,
    GITHUB_CLIENT_ID: github.clientId,
    GITHUB_CLIENT_SECRET: github.clientSecret,
    GITHUB_ENTERPRISE_URL: github.url,
    ADMIN_GITHUB_LOGINS: "e2e-boss",
    COOKIE_SECURE: "false",
  });
  process.env.E2E_GATEWAY_URL = gateway.url;
  process.env.E2E_KIRO_MOCK_URL = kiro.url;
  return async () => {
    await gateway.stop();
    await github.close();
    await kiro.close();
    await fs.rm(folder, { recursive: true, force: true });
  };
}
