import { randomBytes } from "node:crypto";
import { z } from "zod";
import { bearerToken, matchesSecret } from "@/lib/auth/secret-comparison";
import { deleteCredential, getCredentialById, insertCredential, findCredentialByRefreshTokenHash, listCredentials, setCredentialState } from "@/lib/db/queries/credentials";
import { listRequestRecords } from "@/lib/db/queries/request-records";
import type { Credential } from "@/lib/db/schema";
import { kiroApiBaseUrl, kiroOidcBaseUrl, kiroSocialAuthBaseUrl } from "@/lib/env";
import { allocationStrategies, type AllocationStrategy } from "@/lib/pool/allocation-strategy";
import { parseKiroCredentialsJson } from "@/lib/pool/kiro-credentials-file";
import { refreshAccessToken } from "@/lib/pool/refresh-access-token";
import { hashSecret } from "@/lib/pool/secret-box";
import { normalizeMachineId } from "@/lib/pool/seed-credentials";
import { fetchUsageLimits } from "@/lib/pool/usage-limits";
import { getGatewayRuntime, type GatewayRuntime } from "./gateway-runtime";
import { logger } from "./logger";
import { readJsonBody } from "./read-json-body";

/** An admin API failure: an HTTP status and a message safe to show. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "AdminError";
  }
}

/**
 * Wraps an admin route: checks `Authorization: Bearer ADMIN_API_KEY` (constant time) inside the
 * handler itself, and answers failures as `{"error": {"message"}}` with their status.
 */
export function withAdmin<Context>(handler: (request: Request, runtime: GatewayRuntime, context: Context) => Promise<Response>) {
  return async (request: Request, context: Context): Promise<Response> => {
    try {
      const runtime = await getGatewayRuntime();
      const adminKey = runtime.environment.ADMIN_API_KEY;
      if (!adminKey) throw new AdminError(503, "The admin API is off: set ADMIN_API_KEY in .env and restart.");
      const key = bearerToken(request.headers);
      if (!key || !matchesSecret(key, adminKey)) throw new AdminError(401, "Missing or wrong admin key (Authorization: Bearer ADMIN_API_KEY).");
      return await handler(request, runtime, context);
    } catch (error) {
      if (error instanceof AdminError) return Response.json({ error: { message: error.message } }, { status: error.status });
      if (error instanceof Error && error.name === "LlmError") {
        const status = (error as Error & { status: number }).status;
        return Response.json({ error: { message: error.message } }, { status });
      }
      logger.error(`admin request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return Response.json({ error: { message: "Internal error." } }, { status: 500 });
    }
  };
}

/** A credential as the admin API shows it: figures and state, never a secret (only a short fingerprint of the refresh token's hash). */
export function describeCredential(row: Credential, inFlight = 0) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    source: row.source,
    fingerprint: row.refreshTokenHash.slice(0, 12),
    enabled: row.enabled,
    retired: row.retiredAt !== null,
    status: row.status,
    availableAt: row.availableAt,
    lastError: row.lastError,
    authRegion: row.authRegion,
    apiRegion: row.apiRegion,
    hasProfileArn: Boolean(row.profileArn),
    accessTokenExpiresAt: row.accessTokenExpiresAt,
    quota: row.quotaLimit === null ? null : { limit: row.quotaLimit, remaining: row.quotaRemaining, resetsAt: row.quotaResetsAt },
    figures: { requests: row.requestCount, failures: row.failureCount, credits: row.creditsUsed, lastUsedAt: row.lastUsedAt, lastFailureAt: row.lastFailureAt, inFlight },
    lastCheckedAt: row.lastCheckedAt,
    createdAt: row.createdAt,
  };
}

/** `GET /api/admin/credentials`: every credential with status and figures. */
export async function listCredentialsForAdmin(runtime: GatewayRuntime) {
  const inFlight = runtime.pool.inFlightByCredential();
  return (await listCredentials(runtime.database)).map((row) => describeCredential(row, inFlight.get(row.id) ?? 0));
}

const addOptionsSchema = z.object({ validate: z.boolean().default(true), name: z.string().trim().min(1).max(200).optional() });

/**
 * `POST /api/admin/credentials`: adds one or many credentials from any Kiro credentials JSON shape
 * (an object, an array, `{accounts: [...]}`, a bare refresh token string), each checked by a refresh
 * first unless `validate: false`. Duplicates (same refresh token) are reported, not added.
 */
export async function addCredentials(request: Request, runtime: GatewayRuntime) {
  const body = await readJsonBody(request);
  const options = addOptionsSchema.safeParse(body && typeof body === "object" && !Array.isArray(body) ? body : {});
  if (!options.success) throw new AdminError(400, `validate/name: ${options.error.issues[0]?.message}`);
  // `{credentials: [...], validate}` wraps a list; any other body is itself the credentials JSON.
  const wrapped = body && typeof body === "object" && !Array.isArray(body) ? (body as { credentials?: unknown }).credentials : undefined;
  const source = Array.isArray(wrapped) ? wrapped : body;
  const parsed = parseKiroCredentialsJson(source);
  if (parsed.credentials.length === 0) throw new AdminError(400, `No credential with a refresh token was found${parsed.errors.length ? `: ${parsed.errors.slice(0, 5).join("; ")}` : "."}`);
  if (parsed.credentials.length > 500) throw new AdminError(400, "At most 500 credentials can be added at once.");
  const environment = runtime.environment;
  const results: Array<{ index: number; result: "added" | "duplicate" | "invalid"; id?: number; error?: string }> = [];
  for (const [index, entry] of parsed.credentials.entries()) {
    const refreshTokenHash = hashSecret(entry.refreshToken);
    const existing = await findCredentialByRefreshTokenHash(runtime.database, { refreshTokenHash });
    if (existing) {
      results.push({ index, result: "duplicate", id: existing.id });
      continue;
    }
    const isIdc = Boolean(entry.clientId && entry.clientSecret);
    const authRegion = entry.region ?? environment.KIRO_REGION;
    const machineId = normalizeMachineId(entry.machineId) ?? randomBytes(32).toString("hex");
    let grant;
    if (options.data.validate) {
      try {
        grant = await refreshAccessToken({
          kind: isIdc ? "idc" : "social",
          refreshToken: entry.refreshToken,
          clientId: entry.clientId,
          clientSecret: entry.clientSecret,
          machineId,
          socialBaseUrl: kiroSocialAuthBaseUrl(environment, authRegion),
          oidcBaseUrl: kiroOidcBaseUrl(environment, authRegion),
        });
      } catch (error) {
        results.push({ index, result: "invalid", error: (error as Error).message });
        continue;
      }
    }
    const storedRefreshToken = grant?.refreshToken ?? entry.refreshToken;
    const row = await insertCredential(runtime.database, {
      name: (parsed.credentials.length === 1 ? options.data.name : undefined) ?? entry.name ?? `admin #${Date.now().toString(36)}-${index}`,
      kind: isIdc ? "idc" : "social",
      source: "admin",
      refreshTokenCiphertext: runtime.secretBox.seal(storedRefreshToken),
      refreshTokenHash: hashSecret(storedRefreshToken),
      seedRefreshTokenHash: refreshTokenHash,
      clientId: isIdc ? entry.clientId : null,
      clientSecretCiphertext: isIdc && entry.clientSecret ? runtime.secretBox.seal(entry.clientSecret) : null,
      encryptionKeyId: runtime.secretBox.keyId,
      profileArn: isIdc ? null : (grant?.profileArn ?? entry.profileArn ?? null),
      authRegion,
      apiRegion: environment.KIRO_REGION,
      machineId,
      accessTokenCiphertext: grant ? runtime.secretBox.seal(grant.accessToken) : null,
      accessTokenExpiresAt: grant ? Date.now() + grant.expiresInSeconds * 1000 - 60_000 : null,
    });
    results.push({ index, result: "added", id: row.id });
  }
  return {
    added: results.filter((result) => result.result === "added").length,
    duplicates: results.filter((result) => result.result === "duplicate").length,
    invalid: results.filter((result) => result.result === "invalid").length,
    results,
    parseErrors: parsed.errors,
  };
}

const patchSchema = z
  .object({
    enabled: z.boolean().optional(),
    name: z.string().trim().min(1).max(200).optional(),
    // A person clears a suspension (or any resting status) once they have looked at the account.
    status: z.literal("active").optional(),
  })
  .strict();

async function requireCredential(runtime: GatewayRuntime, id: number): Promise<Credential> {
  const row = Number.isInteger(id) ? await getCredentialById(runtime.database, { id }) : undefined;
  if (!row) throw new AdminError(404, `No credential ${id}.`);
  return row;
}

/** `PATCH /api/admin/credentials/{id}`: enable, disable, rename, or return to `active`. */
export async function patchCredential(request: Request, runtime: GatewayRuntime, id: number) {
  await requireCredential(runtime, id);
  const parsed = patchSchema.safeParse(await readJsonBody(request));
  if (!parsed.success) throw new AdminError(400, `${parsed.error.issues[0]?.path.join(".") || "body"}: ${parsed.error.issues[0]?.message}`);
  const values = { ...parsed.data, ...(parsed.data.status ? { availableAt: null, lastError: null } : {}) };
  await setCredentialState(runtime.database, { id, values });
  return describeCredential(await requireCredential(runtime, id));
}

/** `DELETE /api/admin/credentials/{id}`. */
export async function removeCredential(runtime: GatewayRuntime, id: number) {
  await requireCredential(runtime, id);
  await deleteCredential(runtime.database, { id });
  return { deleted: id };
}

/** `POST /api/admin/credentials/{id}/refresh`: refreshes the access token now. */
export async function refreshCredentialNow(runtime: GatewayRuntime, id: number) {
  const row = await requireCredential(runtime, id);
  try {
    const access = await runtime.pool.accessTokenFor(row, { forceRefresh: true });
    return { ok: true, credential: describeCredential(access.credential) };
  } catch (error) {
    return { ok: false, error: (error as Error).message, credential: describeCredential(await requireCredential(runtime, id)) };
  }
}

/** `POST /api/admin/credentials/{id}/test`: gets a valid token and asks Kiro for the account's quota, now. */
export async function testCredentialNow(runtime: GatewayRuntime, id: number) {
  const row = await requireCredential(runtime, id);
  try {
    const access = await runtime.pool.accessTokenFor(row);
    const limits = await fetchUsageLimits({
      apiBaseUrl: kiroApiBaseUrl(runtime.environment, access.credential.apiRegion),
      accessToken: access.accessToken,
      machineId: access.credential.machineId,
      profileArn: access.credential.kind === "social" ? (access.credential.profileArn ?? undefined) : undefined,
    });
    if (limits) {
      await setCredentialState(runtime.database, {
        id,
        values: { quotaRemaining: limits.remaining, quotaLimit: limits.limit, quotaResetsAt: limits.resetsAt ?? null, lastCheckedAt: Date.now() },
      });
    }
    return { ok: true, quota: limits ?? null, credential: describeCredential(await requireCredential(runtime, id)) };
  } catch (error) {
    return { ok: false, error: (error as Error).message, credential: describeCredential(await requireCredential(runtime, id)) };
  }
}

const settingsSchema = z.object({ tokenAllocationStrategy: z.enum(allocationStrategies as [AllocationStrategy, ...AllocationStrategy[]]) }).strict();

/** `GET /api/admin/settings`. */
export async function readSettings(runtime: GatewayRuntime) {
  return { tokenAllocationStrategy: await runtime.pool.strategy() };
}

/** `PATCH /api/admin/settings`: changes the allocation strategy for every instance, without a restart. */
export async function updateSettings(request: Request, runtime: GatewayRuntime) {
  const parsed = settingsSchema.safeParse(await readJsonBody(request));
  if (!parsed.success) throw new AdminError(400, `${parsed.error.issues[0]?.path.join(".") || "body"}: ${parsed.error.issues[0]?.message}`);
  await runtime.pool.setStrategy(parsed.data.tokenAllocationStrategy);
  return readSettings(runtime);
}

/** `GET /api/admin/records?limit=&credentialId=&debug=1`: the latest request records. */
export async function readRecords(request: Request, runtime: GatewayRuntime) {
  const search = new URL(request.url).searchParams;
  const limit = Math.min(1000, Math.max(1, Number(search.get("limit")) || 100));
  const credentialId = search.get("credentialId") === null ? undefined : Number(search.get("credentialId"));
  const withBodies = search.get("debug") === "1";
  const records = await listRequestRecords(runtime.database, { limit, credentialId });
  return records.map((record) => (withBodies ? record : { ...record, debugRequestBody: undefined, debugUpstreamBody: undefined }));
}
