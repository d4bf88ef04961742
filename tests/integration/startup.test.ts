import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mockState } from "../support/kiro-mock-client";
import { freePort, runGatewayUntilExit, startGatewayProcess, type GatewayProcess } from "../support/gateway-process";

let folder: string;
const baseEnvironment = () => ({
  PROXY_API_KEY: "sk-startup-test-key",
  TOKEN_ENCRYPT_KEY: "startup-test-encryption-key",
  AUTH_SECRET: "startup-test-auth-secret-0123",
  KIRO_API_BASE_URL: inject("mockUrl"),
  KIRO_SOCIAL_AUTH_BASE_URL: inject("mockUrl"),
  KIRO_OIDC_BASE_URL: inject("mockUrl"),
});

function ask(gateway: GatewayProcess, model = "claude-sonnet-4-6") {
  return fetch(`${gateway.url}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": "sk-startup-test-key" },
    body: JSON.stringify({ model, max_tokens: 50, messages: [{ role: "user", content: "hi" }] }),
  });
}

beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), "kirogate-startup-"));
});
afterAll(async () => {
  await fs.rm(folder, { recursive: true, force: true });
});

describe("starting the gateway", () => {
  it("stops at once, naming the variable, when the configuration is invalid", async () => {
    const missingKey = await runGatewayUntilExit({ TOKEN_ENCRYPT_KEY: "startup-test-encryption-key", DATABASE_URL: `file:${folder}/missing.db` });
    expect(missingKey.code).toBe(1);
    expect(missingKey.output).toContain("PROXY_API_KEY: must be set");

    const badTimeout = await runGatewayUntilExit({ ...baseEnvironment(), FIRST_TOKEN_TIMEOUT: "soon", DATABASE_URL: `file:${folder}/bad.db` });
    expect(badTimeout.code).toBe(1);
    expect(badTimeout.output).toContain("FIRST_TOKEN_TIMEOUT");

    const badModel = await runGatewayUntilExit({ ...baseEnvironment(), FORCE_MODEL: "gpt-4o", DATABASE_URL: `file:${folder}/model.db` });
    expect(badModel.code).toBe(1);
    expect(badModel.output).toContain("FORCE_MODEL: The model 'gpt-4o' does not exist");

    const missingFile = await runGatewayUntilExit({ ...baseEnvironment(), KIRO_CREDS_FILE: "/nonexistent/creds.json", DATABASE_URL: `file:${folder}/file.db` });
    expect(missingFile.code).toBe(1);
    expect(missingFile.output).toContain("KIRO_CREDS_FILE /nonexistent/creds.json cannot be read: ENOENT");
  });

  it("without credentials, serves 503 saying how to add one, and reports itself degraded", async () => {
    const gateway = await startGatewayProcess({ ...baseEnvironment(), DATABASE_URL: `file:${folder}/empty.db` });
    try {
      expect(await (await fetch(`${gateway.url}/health`)).json()).toMatchObject({ status: "degraded", credentials: { usable: 0, total: 0 } });
      const response = await ask(gateway);
      expect(response.status).toBe(503);
      expect((await response.json()).error.message).toMatch(/No usable Kiro credential\. Add one: set REFRESH_TOKEN/);
    } finally {
      await gateway.stop();
    }
  });

  it("seeds from KIRO_CREDS_FILE once, across restarts, and keeps tokens out of the database in clear", async () => {
    const credentialsFile = path.join(folder, "creds.json");
    await fs.writeFile(credentialsFile, JSON.stringify({ accounts: [{ refreshToken: "seed-one-refresh" }, { refresh_token: "seed-two-refresh" }] }));
    const environment = { ...baseEnvironment(), DATABASE_URL: `file:${folder}/seeded.db`, KIRO_CREDS_FILE: credentialsFile };
    for (let start = 0; start < 2; start += 1) {
      const gateway = await startGatewayProcess(environment);
      try {
        expect(await (await fetch(`${gateway.url}/health`)).json()).toMatchObject({ credentials: { total: 2, usable: 2 } });
        expect((await ask(gateway)).status).toBe(200);
      } finally {
        await gateway.stop();
      }
    }
    // Taking one login out of the file retires it at the next start.
    await fs.writeFile(credentialsFile, JSON.stringify([{ refreshToken: "seed-two-refresh" }]));
    const restarted = await startGatewayProcess(environment);
    try {
      expect(await (await fetch(`${restarted.url}/health`)).json()).toMatchObject({ credentials: { total: 1, usable: 1 } });
      await mockState(inject("mockUrl"), { reset: true });
      for (let index = 0; index < 3; index += 1) expect((await ask(restarted)).status).toBe(200);
      expect(new Set((await mockState(inject("mockUrl"))).requests.map((request) => request.refreshToken))).toEqual(new Set(["seed-two-refresh"]));
      expect(restarted.output()).toContain("1 no longer configured (retired)");
    } finally {
      await restarted.stop();
    }
    const databaseBytes = await fs.readFile(path.join(folder, "seeded.db"));
    const walBytes = await fs.readFile(path.join(folder, "seeded.db-wal")).catch(() => Buffer.alloc(0));
    for (const bytes of [databaseBytes, walBytes]) {
      expect(bytes.includes("seed-one-refresh")).toBe(false);
      expect(bytes.includes("mock-access-")).toBe(false);
    }
  });

  it("marks a credential whose refresh token is dead as unusable and says why", async () => {
    const gateway = await startGatewayProcess({ ...baseEnvironment(), DATABASE_URL: `file:${folder}/dead.db`, REFRESH_TOKEN: "invalid-dead-token" });
    try {
      const response = await ask(gateway);
      expect(response.status).toBe(502);
      expect((await response.json()).error.message).toMatch(/could not be refreshed: social token refresh answered HTTP 400 \(invalid_grant/);
      expect(await (await fetch(`${gateway.url}/health`)).json()).toMatchObject({ status: "degraded", credentials: { usable: 0, total: 1 } });
      const next = await ask(gateway);
      expect(next.status).toBe(503);
      expect((await next.json()).error.message).toBe("No usable Kiro credential: all 1 configured credentials are invalid, suspended, disabled or private without an owner (see /health and the server log).");
      expect(gateway.output()).not.toContain("invalid-dead-token");
    } finally {
      await gateway.stop();
    }
  });

  it("answers 502 when Kiro cannot be reached at all", async () => {
    const closedPort = await freePort();
    const gateway = await startGatewayProcess({
      ...baseEnvironment(),
      DATABASE_URL: `file:${folder}/unreachable.db`,
      REFRESH_TOKEN: "unreachable-refresh",
      KIRO_API_BASE_URL: `http://127.0.0.1:${closedPort}`,
    });
    try {
      const response = await ask(gateway);
      expect(response.status).toBe(502);
      expect(await response.json()).toEqual({ type: "error", error: { type: "api_error", message: "Could not reach Kiro (ECONNREFUSED)." } });
    } finally {
      await gateway.stop();
    }
  });

  it("sends every request to FORCE_MODEL while echoing the model the client asked for", async () => {
    const gateway = await startGatewayProcess({ ...baseEnvironment(), DATABASE_URL: `file:${folder}/forced.db`, REFRESH_TOKEN: "forced-refresh", FORCE_MODEL: "claude-haiku-4-5" });
    try {
      await mockState(inject("mockUrl"), { reset: true });
      const response = await ask(gateway, "claude-opus-4-6");
      expect((await response.json()).model).toBe("claude-opus-4-6");
      const state = await mockState(inject("mockUrl"));
      const body = state.requests[0].body as { conversationState: { currentMessage: { userInputMessage: { modelId: string } } } };
      expect(body.conversationState.currentMessage.userInputMessage.modelId).toBe("claude-haiku-4.5");
    } finally {
      await gateway.stop();
    }
  });
});
