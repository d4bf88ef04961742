import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

/** Every variable the gateway reads, unset, so a developer's own `.env` cannot leak into a test gateway. */
const isolatedEnvironment: Record<string, string> = Object.fromEntries(
  [
    "PORT", "PROXY_API_KEY", "DATABASE_URL", "DATABASE_AUTH_TOKEN", "KIRO_REGION", "KIRO_API_BASE_URL", "KIRO_SOCIAL_AUTH_BASE_URL",
    "KIRO_OIDC_BASE_URL", "REFRESH_TOKEN", "CLIENT_ID", "CLIENT_SECRET", "PROFILE_ARN", "KIRO_CREDS_FILE", "FORCE_MODEL",
    "FIRST_TOKEN_TIMEOUT", "STREAM_READ_TIMEOUT", "TOOL_DESCRIPTION_MAX_LENGTH", "IMAGE_URL_ALLOW_PRIVATE_NETWORKS", "TOKEN_ALLOCATION_STRATEGY", "MAX_CONCURRENT_PER_CREDENTIAL", "MAX_RETRIES", "RETRY_BUDGET",
    "TOKEN_HEALTH_CHECK_INTERVAL", "CRON_SECRET", "ADMIN_API_KEY", "DEBUG_MODE", "DEBUG_RETENTION_DAYS", "TOKEN_ENCRYPT_KEY", "AUTH_SECRET", "ADMIN_PASSWORD",
    "GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET", "GITHUB_REDIRECT_URI", "GITHUB_ENTERPRISE_URL", "ADMIN_GITHUB_LOGINS", "COOKIE_SECURE", "TRUSTED_PROXIES", "PUBLIC_BASE_URL", "DOCS_SHOW_PROXY_KEY", "SITE_NAME", "AUTH_URL",
  ].map((name) => [name, ""]),
);

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** A built gateway started with `next start`, and what it printed. */
export type GatewayProcess = { url: string; port: number; child: ChildProcess; output: () => string; stop(): Promise<void> };

/**
 * Starts the built app with KiroGate's server (`server.ts`, as `./run.sh` does) with exactly
 * `environment` for the gateway's variables (on `PORT` when given, else a free port), and
 * resolves once `/health` answers. Rejects with the server's output if it exits first.
 */
export async function startGatewayProcess(environment: Record<string, string>): Promise<GatewayProcess> {
  const root = path.resolve(import.meta.dirname, "..", "..");
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("The app is not built: run `npx next build` first.");
  const port = environment.PORT ? Number(environment.PORT) : await freePort();
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: root,
    env: { ...process.env, ...isolatedEnvironment, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", PORT: String(port), HOSTNAME: "127.0.0.1", ...environment },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`gateway exited with code ${code}:\n${output}`))));
  const url = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let attempt = 0; attempt < 300; attempt += 1) {
      try {
        const response = await fetch(`${url}/health`);
        if (response.status === 200 || response.status === 503) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`gateway did not become healthy:\n${output}`);
  })();
  await Promise.race([ready, exited]);
  exited.catch(() => undefined);
  return {
    url,
    port,
    child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/**
 * Runs `next start` with `environment` for a configuration that must stop the server, and
 * resolves with its exit code and output (code 0 when it unexpectedly became healthy).
 */
export async function runGatewayUntilExit(environment: Record<string, string>): Promise<{ code: number | null; output: string }> {
  try {
    const gateway = await startGatewayProcess(environment);
    await gateway.stop();
    return { code: 0, output: gateway.output() };
  } catch (error) {
    const match = /gateway exited with code (\d+|null):\n([\s\S]*)$/.exec((error as Error).message);
    if (!match) throw error;
    return { code: match[1] === "null" ? null : Number(match[1]), output: match[2] };
  }
}

/** The pieces of a gateway most tests start: proxy key, encryption key, every Kiro endpoint at the mock. */
export function mockedGatewayEnvironment(mockUrl: string, apiKey: string): Record<string, string> {
  return {
    PROXY_API_KEY: apiKey,
    TOKEN_ENCRYPT_KEY: "test-gateway-encryption-key",
    AUTH_SECRET: "test-gateway-auth-secret-0123456789",
    KIRO_API_BASE_URL: mockUrl,
    KIRO_SOCIAL_AUTH_BASE_URL: mockUrl,
    KIRO_OIDC_BASE_URL: mockUrl,
  };
}
