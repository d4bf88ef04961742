import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startKiroMock } from "../kiro-mock/kiro-mock-server";
import { startGatewayProcess } from "../support/gateway-process";

declare module "vitest" {
  export interface ProvidedContext {
    gatewayUrl: string;
    mockUrl: string;
    apiKey: string;
    adminKey: string;
  }
}

export const testApiKey = "sk-integration-test-key";
export const testAdminKey = "kga-integration-admin-key";

/**
 * One Kiro mock and one built gateway for every integration test file. The gateway has three
 * credentials: a social login from REFRESH_TOKEN, and a social and an IdC login from a
 * KIRO_CREDS_FILE, so round robin, both refresh endpoints and file seeding are exercised.
 */
export default async function setup(project: TestProject) {
  const mock = await startKiroMock();
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), "kirogate-integration-"));
  const credentialsFile = path.join(folder, "kiro-credentials.json");
  await fs.writeFile(
    credentialsFile,
    JSON.stringify([
      { refreshToken: "file-social-refresh", region: "us-east-1" },
      { refreshToken: "file-idc-refresh", clientId: "idc-client", clientSecret: "idc-client-secret", region: "us-east-1" },
    ]),
  );
  const gateway = await startGatewayProcess({
    PROXY_API_KEY: testApiKey,
    TOKEN_ENCRYPT_KEY: "integration-test-encryption-key",
    AUTH_SECRET: "integration-test-auth-secret-0123",
    DATABASE_URL: `file:${path.join(folder, "gateway.db")}`,
    KIRO_API_BASE_URL: mock.url,
    KIRO_SOCIAL_AUTH_BASE_URL: mock.url,
    KIRO_OIDC_BASE_URL: mock.url,
    REFRESH_TOKEN: "env-social-refresh",
    KIRO_CREDS_FILE: credentialsFile,
    FIRST_TOKEN_TIMEOUT: "2",
    STREAM_READ_TIMEOUT: "2",
    ADMIN_API_KEY: testAdminKey,
  });
  project.provide("gatewayUrl", gateway.url);
  project.provide("mockUrl", mock.url);
  project.provide("apiKey", testApiKey);
  project.provide("adminKey", testAdminKey);
  return async () => {
    await gateway.stop();
    await mock.close();
    await fs.rm(folder, { recursive: true, force: true });
  };
}
