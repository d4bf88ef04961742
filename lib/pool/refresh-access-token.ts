import { randomUUID } from "node:crypto";
import { Agent, request } from "undici";
import { kiroIdeVersion } from "@/lib/llm/upstreams/kiro/kiro-request-headers";

/** A fresh access token from a refresh call. `expiresInSeconds` is Kiro's `expiresIn` (s). */
export type TokenGrant = { accessToken: string; refreshToken?: string; expiresInSeconds: number; profileArn?: string };

/**
 * A refresh that failed. `permanent` means the login itself is dead (`invalid_grant`, a rejected
 * client): retrying cannot help. Otherwise it was transient (429, 5xx, network) and already retried.
 */
export class CredentialRefreshError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = "CredentialRefreshError";
  }
}

/**
 * Whether an error is a refresh failure that retrying cannot fix. Checked by name rather than
 * `instanceof`, which bundlers can defeat by loading a module twice.
 */
export function isPermanentRefreshFailure(error: unknown): boolean {
  return error instanceof Error && error.name === "CredentialRefreshError" && (error as CredentialRefreshError).permanent;
}

/** What a refresh needs to know about one credential and where to send it. */
export type RefreshRequest = {
  kind: "social" | "idc";
  refreshToken: string;
  clientId?: string;
  clientSecret?: string;
  machineId: string;
  /** `POST {socialBaseUrl}/refreshToken` for social logins (spec §4.2). */
  socialBaseUrl: string;
  /** `POST {oidcBaseUrl}/token` for IdC logins, in the region of the client registration (spec §4.3). */
  oidcBaseUrl: string;
  /** Stops the refresh (the call under way and any retry), e.g. when its caller lost the refresh lease. */
  signal?: AbortSignal;
};

// Keep-alive connections for the refresh endpoints; refreshes are rare but arrive in bursts.
const refreshAgent = new Agent({ keepAliveTimeout: 30_000, connect: { timeout: 10_000 } });
const attemptTimeoutMs = 30_000;
const retryDelaysMs = [500, 1500];

/**
 * Exchanges a refresh token for an access token: social logins at the Kiro desktop auth service,
 * IdC logins at AWS SSO-OIDC with camelCase JSON (spec §4.2–§4.3). 429, 5xx and network failures are
 * retried twice with backoff (0.5 s, 1.5 s); each attempt waits at most 30 s. Aborting
 * `refresh.signal` stops it at once.
 * @throws CredentialRefreshError (`permanent` for `invalid_grant` and other 4xx answers; transient when aborted).
 */
export async function refreshAccessToken(refresh: RefreshRequest): Promise<TokenGrant> {
  const { signal } = refresh;
  let lastError: CredentialRefreshError | undefined;
  for (let attempt = 0; attempt <= retryDelaysMs.length; attempt += 1) {
    if (attempt > 0) await pause(retryDelaysMs[attempt - 1], signal);
    if (signal?.aborted) throw abortedRefresh(signal);
    try {
      return await refreshOnce(refresh);
    } catch (error) {
      if (signal?.aborted) throw abortedRefresh(signal);
      lastError =
        error instanceof CredentialRefreshError
          ? error
          : new CredentialRefreshError(`token refresh failed: ${error instanceof Error ? error.message : String(error)}`, false);
      if (lastError.permanent) throw lastError;
    }
  }
  throw lastError as CredentialRefreshError;
}

function abortedRefresh(signal: AbortSignal): CredentialRefreshError {
  const reason: unknown = signal.reason;
  return reason instanceof CredentialRefreshError ? reason : new CredentialRefreshError(`token refresh stopped: ${reason instanceof Error ? reason.message : "aborted"}`, false);
}

function pause(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, milliseconds);
    signal?.addEventListener("abort", done, { once: true });
  });
}

async function refreshOnce(refresh: RefreshRequest): Promise<TokenGrant> {
  const isIdc = refresh.kind === "idc";
  const url = isIdc ? `${refresh.oidcBaseUrl}/token` : `${refresh.socialBaseUrl}/refreshToken`;
  const body = isIdc
    ? { clientId: refresh.clientId, clientSecret: refresh.clientSecret, grantType: "refresh_token", refreshToken: refresh.refreshToken }
    : { refreshToken: refresh.refreshToken };
  const headers: Record<string, string> = isIdc
    ? {
        "content-type": "application/json",
        "x-amz-user-agent": "aws-sdk-js/3.980.0 KiroIDE",
        "user-agent": `aws-sdk-js/3.980.0 ua/2.1 os/win32#10.0.19044 lang/js md/nodejs#22.21.1 api/sso-oidc#3.980.0 m/E KiroIDE-${kiroIdeVersion}-${refresh.machineId}`,
        "amz-sdk-invocation-id": randomUUID(),
        "amz-sdk-request": "attempt=1; max=4",
      }
    : {
        "content-type": "application/json",
        accept: "application/json, text/plain, */*",
        "user-agent": `KiroIDE-${kiroIdeVersion}-${refresh.machineId}`,
      };
  const response = await request(url, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
    dispatcher: refreshAgent,
    signal: refresh.signal,
    headersTimeout: attemptTimeoutMs,
    bodyTimeout: attemptTimeoutMs,
  });
  const text = await response.body.text();
  const status = response.statusCode;
  let json: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object") json = parsed as Record<string, unknown>;
  } catch {
    // Non-JSON bodies are described by status alone.
  }
  if (status === 200 && typeof json.accessToken === "string" && json.accessToken) {
    const expiresIn = typeof json.expiresIn === "number" && json.expiresIn > 0 ? json.expiresIn : 3600;
    return {
      accessToken: json.accessToken,
      refreshToken: typeof json.refreshToken === "string" && json.refreshToken ? json.refreshToken : undefined,
      expiresInSeconds: expiresIn,
      profileArn: typeof json.profileArn === "string" && json.profileArn ? json.profileArn : undefined,
    };
  }
  const reason = [json.error, json.error_description, json.message].filter((part) => typeof part === "string").join(": ");
  const description = `${isIdc ? "IdC" : "social"} token refresh answered HTTP ${status}${reason ? ` (${reason})` : ""}`;
  if (status === 200) throw new CredentialRefreshError(`${description} without an access token`, false, status);
  const transient = status === 429 || status >= 500;
  throw new CredentialRefreshError(description, !transient, status);
}
