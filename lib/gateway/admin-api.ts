import { z } from "zod";
import { isUniqueViolation } from "@/lib/db/client";
import { roleOf } from "@/lib/auth/roles";
import { deleteCredential, getCredentialById, listCredentialsOfUser, listCredentialsWithOwner, setCredentialState } from "@/lib/db/queries/credentials";
import { deleteIpBlock, insertIpBlock, listIpBlocks } from "@/lib/db/queries/ip-blocks";
import { listRequestRecords, topModels, topUsers, usageBuckets, type RequestRecordFilter } from "@/lib/db/queries/request-records";
import { getUserById, listAllApiKeys, listUserApiKeys, revokeApiKey, searchUsers, setUserStatus } from "@/lib/db/queries/users";
import type { ApiKey, Credential } from "@/lib/db/schema";
import { kiroApiBaseUrl } from "@/lib/env";
import { resolveKiroModel } from "@/lib/llm/upstreams/kiro/kiro-model-ids";
import { addKiroCredentials, type CredentialAdditionResult } from "@/lib/pool/add-credentials";
import { allocationStrategies, type AllocationStrategy } from "@/lib/pool/allocation-strategy";
import { parseKiroCredentialsJson, type ParsedKiroCredential } from "@/lib/pool/kiro-credentials-file";
import { fetchUsageLimits } from "@/lib/pool/usage-limits";
import type { GatewayRuntime } from "./gateway-runtime";
import { parseIpRange } from "./ip-ranges";
import { readJsonBody } from "./read-json-body";
import { ApiError, type AdminCaller } from "./route-guards";
import { siteSettingsSchema } from "./site-settings";
import { singleLineText } from "./text-fields";

/** A credential as the admin API shows it: figures and state, never a secret (only a short fingerprint of the refresh token's hash). */
export function describeCredential(row: Credential, inFlight = 0, ownerLogin: string | null = null) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    source: row.source,
    ownerUserId: row.ownerUserId,
    ownerLogin,
    visibility: row.visibility,
    fingerprint: row.refreshTokenHash.slice(0, 12),
    enabled: row.enabled,
    disabledByAdmin: row.disabledByAdmin,
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

/** One credential as the admin API shows it, with its owner's login and this process's in-flight count. */
async function describeForAdmin(runtime: GatewayRuntime, row: Credential) {
  const owner = row.ownerUserId === null ? undefined : await getUserById(runtime.database, { id: row.ownerUserId });
  return describeCredential(row, runtime.pool.inFlightByCredential().get(row.id) ?? 0, owner?.login ?? null);
}

/** `GET /api/admin/credentials`: every credential with status and figures. */
export async function listCredentialsForAdmin(runtime: GatewayRuntime) {
  const inFlight = runtime.pool.inFlightByCredential();
  return (await listCredentialsWithOwner(runtime.database)).map(({ credential, ownerLogin }) => describeCredential(credential, inFlight.get(credential.id) ?? 0, ownerLogin));
}

const addWrapperSchema = z
  .object({
    credentials: z.unknown(),
    validate: z.boolean().default(true),
    name: singleLineText(200).optional(),
  })
  .strict();

/**
 * Parses any Kiro credentials shape sent as JSON, or pasted as text (a refresh token, or JSON text).
 * Entries that cannot be used are reported in `errors` by their JSON path: those
 * `parseKiroCredentialsJson` refuses, a `name` that is not one line of at most `maximumNameLength`
 * characters (the rule of the wrapper's `name` and of renaming), and an IdC login named only by
 * `clientIdHash` (its registration file is on the sender's disk).
 * @throws ApiError 400 when no usable credential is found or there are more than 500.
 */
export function parseCredentialInput(source: unknown, { maximumNameLength = 200 }: { maximumNameLength?: number } = {}): { credentials: ParsedKiroCredential[]; errors: string[] } {
  let value = source;
  if (typeof value === "string" && /^\s*[[{]/.test(value)) {
    try {
      value = JSON.parse(value);
    } catch {
      throw new ApiError(400, "The pasted text starts like JSON but is not valid JSON.");
    }
  }
  const parsed = parseKiroCredentialsJson(value);
  const nameSchema = singleLineText(maximumNameLength);
  const errors = [...parsed.errors];
  const credentials = parsed.credentials.filter((credential) => {
    let problem: string | undefined;
    const name = credential.name === undefined ? undefined : nameSchema.safeParse(credential.name);
    if (name && !name.success) problem = `name ${name.error.issues[0]?.message ?? "is invalid"}`;
    else if (credential.clientIdHash && !(credential.clientId && credential.clientSecret)) {
      problem = `clientIdHash names a client registration file only KIRO_CREDS_FILE can read; send its clientId and clientSecret`;
    }
    if (problem) errors.push(`${credential.jsonPath}: ${problem}`);
    return !problem;
  });
  if (credentials.length === 0) throw new ApiError(400, `No usable credential was found${errors.length ? `: ${errors.slice(0, 5).join("; ")}` : "."}`);
  if (credentials.length > 500) throw new ApiError(400, "At most 500 credentials can be added at once.");
  return { credentials, errors };
}

/** Counts of an addition's results, with the results themselves and the entries that could not be read (`parseErrors`). */
export function summarizeAddition(results: CredentialAdditionResult[], parseErrors: string[] = []) {
  return {
    added: results.filter((result) => result.result === "added").length,
    duplicates: results.filter((result) => result.result === "duplicate").length,
    invalid: results.filter((result) => result.result === "invalid").length + parseErrors.length,
    results,
    parseErrors,
  };
}

/**
 * `POST /api/admin/credentials`: adds one or many operator credentials (public) from any Kiro
 * credentials JSON shape (an object, an array, `{accounts: [...]}`, a bare refresh token string, or
 * `{credentials: <any of those or pasted text>}`), each checked by a refresh first unless
 * `validate: false`. Duplicates (same refresh token) are reported, not added. Each result's `index`
 * is the entry's position in the submitted input. The route answers 201 when at least one was added, else 200.
 * @throws ApiError 400 for a bad wrapper or when no usable credential is found.
 */
export async function addCredentials(request: Request, runtime: GatewayRuntime) {
  const body = await readJsonBody(request, 5 * 1024 * 1024);
  const isObject = body !== null && typeof body === "object" && !Array.isArray(body);
  // `{credentials: ..., validate?, name?}` wraps the input (and nothing else may ride along); any
  // other body is itself the credentials JSON.
  let options: { validate: boolean; name?: string } = { validate: true };
  let source: unknown = body;
  if (isObject && "credentials" in body) {
    const wrapper = addWrapperSchema.safeParse(body);
    if (!wrapper.success) throw badRequest(wrapper.error);
    options = wrapper.data;
    source = wrapper.data.credentials;
  }
  const parsed = parseCredentialInput(source);
  const results = await addKiroCredentials(parsed.credentials, {
    database: runtime.database,
    environment: runtime.environment,
    secretBox: runtime.secretBox,
    source: "admin",
    visibility: "public",
    validate: options.validate,
    name: options.name,
  });
  return summarizeAddition(results, parsed.errors);
}

const patchSchema = z
  .object({
    enabled: z.boolean().optional(),
    name: singleLineText(200).optional(),
    // A person clears a suspension (or any resting status) once they have looked at the account.
    status: z.literal("active").optional(),
    visibility: z.enum(["public", "private"]).optional(),
  })
  .strict();

async function requireCredential(runtime: GatewayRuntime, id: number): Promise<Credential> {
  const row = Number.isInteger(id) ? await getCredentialById(runtime.database, { id }) : undefined;
  if (!row) throw new ApiError(404, `No credential ${id}.`);
  return row;
}

/**
 * `PATCH /api/admin/credentials/{id}`: enable, disable, rename, change visibility, or return to `active`.
 * @throws ApiError 400 for a bad body, or `visibility: "private"` on a credential without an owner
 * (a private credential serves only its owner's keys, so an ownerless one would serve nobody); 404.
 */
export async function patchCredential(request: Request, runtime: GatewayRuntime, id: number) {
  const row = await requireCredential(runtime, id);
  const parsed = patchSchema.safeParse(await readJsonBody(request));
  if (!parsed.success) throw new ApiError(400, `${parsed.error.issues[0]?.path.join(".") || "body"}: ${parsed.error.issues[0]?.message}`);
  if (parsed.data.visibility === "private" && row.ownerUserId === null) {
    throw new ApiError(
      400,
      "visibility: an operator credential (one without an owner) cannot be private: a private credential serves only its owner's keys, so it would serve nobody. Disable it instead.",
    );
  }
  const values = {
    ...parsed.data,
    ...(parsed.data.status ? { availableAt: null, lastError: null } : {}),
    // The admin's choice binds the owner: an owner may pause and resume, never override a disable.
    ...(parsed.data.enabled !== undefined ? { disabledByAdmin: !parsed.data.enabled } : {}),
  };
  await setCredentialState(runtime.database, { id, values });
  return await describeForAdmin(runtime, await requireCredential(runtime, id));
}

/** `DELETE /api/admin/credentials/{id}`. */
export async function removeCredential(runtime: GatewayRuntime, id: number) {
  await requireCredential(runtime, id);
  await deleteCredential(runtime.database, { id });
  return { deleted: id };
}

/** `POST /api/admin/credentials/{id}/refresh`: refreshes the access token now, even a valid one (one refresh at a time per credential). */
export async function refreshCredentialNow(runtime: GatewayRuntime, id: number) {
  const row = await requireCredential(runtime, id);
  try {
    const access = await runtime.pool.accessTokenFor(row, { forceRefresh: true });
    return { ok: true, credential: await describeForAdmin(runtime, access.credential) };
  } catch (error) {
    return { ok: false, error: (error as Error).message, credential: await describeForAdmin(runtime, await requireCredential(runtime, id)) };
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
    return { ok: true, quota: limits ?? null, credential: await describeForAdmin(runtime, await requireCredential(runtime, id)) };
  } catch (error) {
    return { ok: false, error: (error as Error).message, credential: await describeForAdmin(runtime, await requireCredential(runtime, id)) };
  }
}

/** Throws ApiError 400 with the first zod issue, named by its path. */
export function badRequest(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  return new ApiError(400, `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
}

const settingsPatchSchema = siteSettingsSchema
  .partial()
  // null, as for the other settings, returns to the configured default (TOKEN_ALLOCATION_STRATEGY).
  .extend({ tokenAllocationStrategy: z.enum(allocationStrategies as [AllocationStrategy, ...AllocationStrategy[]]).nullable().optional() })
  .strict();

/** `GET /api/admin/settings`: the allocation strategy and the site settings, with the configured defaults they override. */
export async function readSettings(runtime: GatewayRuntime) {
  const settings = await runtime.settings.get();
  return {
    tokenAllocationStrategy: await runtime.pool.strategy(),
    ...settings,
    configured: { forceModel: runtime.environment.FORCE_MODEL ?? null, debugMode: runtime.environment.DEBUG_MODE, docsShowProxyKey: runtime.environment.DOCS_SHOW_PROXY_KEY },
  };
}

/**
 * `PATCH /api/admin/settings`: changes any of them for every instance without a restart. A forced
 * model must be one Kiro serves ("" forces none; null returns to `FORCE_MODEL`); a null
 * `tokenAllocationStrategy` returns to `TOKEN_ALLOCATION_STRATEGY`.
 * @throws ApiError 400 for an unknown member, value or model.
 */
export async function updateSettings(request: Request, runtime: GatewayRuntime) {
  const parsed = settingsPatchSchema.safeParse(await readJsonBody(request));
  if (!parsed.success) throw badRequest(parsed.error);
  const { tokenAllocationStrategy, ...site } = parsed.data;
  if (site.forceModel) {
    try {
      resolveKiroModel(site.forceModel);
    } catch (error) {
      throw new ApiError(400, `forceModel: ${(error as Error).message}`);
    }
  }
  if (tokenAllocationStrategy !== undefined) await runtime.pool.setStrategy(tokenAllocationStrategy);
  if (Object.keys(site).length) await runtime.settings.update(site);
  return readSettings(runtime);
}

const optionalId = z.coerce.number().int().positive().optional();
const recordsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  userId: optionalId,
  apiKeyId: optionalId,
  credentialId: optionalId,
  model: z.string().trim().min(1).max(200).optional(),
  status: z.union([z.enum(["errors", "success"]), z.coerce.number().int().min(100).max(599)]).optional(),
  debug: z.enum(["0", "1"]).optional(),
});

function searchParamsObject(request: Request): Record<string, string> {
  const entries = [...new URL(request.url).searchParams].filter(([, value]) => value !== "");
  return Object.fromEntries(entries);
}

/**
 * `GET /api/admin/records?limit=&userId=&apiKeyId=&credentialId=&model=&status=&debug=1`: the latest
 * request records, newest first; `status` is a code, `errors` (≥ 400) or `success`. Debug bodies
 * (kept only with debug mode on, already redacted) come with `debug=1`.
 */
export async function readRecords(request: Request, runtime: GatewayRuntime) {
  const parsed = recordsQuerySchema.safeParse(searchParamsObject(request));
  if (!parsed.success) throw badRequest(parsed.error);
  const { debug, ...filter } = parsed.data;
  const records = await listRequestRecords(runtime.database, filter satisfies RequestRecordFilter & { limit: number });
  return records.map((record) => (debug === "1" ? record : { ...record, debugRequestBody: undefined, debugUpstreamBody: undefined }));
}

/** An API key as shown anywhere: never its hash. */
export function describeApiKey(key: ApiKey, now = Date.now()) {
  return {
    id: key.id,
    name: key.name,
    displayPrefix: key.displayPrefix,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    state: key.revokedAt ? "revoked" : key.expiresAt && key.expiresAt <= now ? "expired" : "active",
  };
}

/** `GET /api/admin/users?search=`: users with their key, credential and request counts. */
export async function listUsersForAdmin(request: Request, runtime: GatewayRuntime) {
  const search = new URL(request.url).searchParams.get("search")?.trim().slice(0, 100) || undefined;
  const rows = await searchUsers(runtime.database, { search });
  const adminLogins = runtime.environment.ADMIN_GITHUB_LOGINS;
  return rows.map((row) => ({
    ...row.user,
    role: roleOf(row.user, adminLogins),
    keyCount: Number(row.keyCount),
    credentialCount: Number(row.credentialCount),
    requestCount: Number(row.requestCount),
  }));
}

async function requireUser(runtime: GatewayRuntime, id: number) {
  const row = Number.isInteger(id) && id > 0 ? await getUserById(runtime.database, { id }) : undefined;
  if (!row) throw new ApiError(404, `No user ${id}.`);
  return row;
}

/** `GET /api/admin/users/{id}`: one user with their keys, donated credentials and daily usage (30 days). */
export async function userDetailsForAdmin(runtime: GatewayRuntime, id: number) {
  const row = await requireUser(runtime, id);
  const now = Date.now();
  const inFlight = runtime.pool.inFlightByCredential();
  return {
    user: row,
    keys: (await listUserApiKeys(runtime.database, { userId: id })).map((key) => describeApiKey(key, now)),
    credentials: (await listCredentialsOfUser(runtime.database, { userId: id })).map((credential) => describeCredential(credential, inFlight.get(credential.id) ?? 0, row.login)),
    usage: await usageBuckets(runtime.database, { since: now - 30 * dayMs, until: now, bucketMs: dayMs, userId: id }),
  };
}

const userPatchSchema = z.object({ status: z.enum(["active", "banned"]) }).strict();

/**
 * `PATCH /api/admin/users/{id}` `{status: "banned" | "active"}`: a ban ends the user's sessions and
 * stops their keys at once (both re-read the user on every request). Admins (the operator, the
 * logins of ADMIN_GITHUB_LOGINS) cannot be banned, so no one can lock the panel's owners out.
 * @throws ApiError 400 for a bad body or banning oneself or an admin, 404 for no such user.
 */
export async function patchUserForAdmin(request: Request, runtime: GatewayRuntime, id: number, caller: AdminCaller) {
  const target = await requireUser(runtime, id);
  const parsed = userPatchSchema.safeParse(await readJsonBody(request));
  if (!parsed.success) throw badRequest(parsed.error);
  if (parsed.data.status === "banned") {
    if (caller.kind === "session" && caller.user.id === id) throw new ApiError(400, "You cannot ban yourself.");
    // Admins come from the configuration; banning one would only lock the panel's owners out.
    if (roleOf(target, runtime.environment.ADMIN_GITHUB_LOGINS) === "admin") {
      throw new ApiError(400, "Admins cannot be banned: remove the login from ADMIN_GITHUB_LOGINS (or unset ADMIN_PASSWORD for the operator) first.");
    }
  }
  await setUserStatus(runtime.database, { id, status: parsed.data.status });
  return requireUser(runtime, id);
}

/** `GET /api/admin/keys`: every API key with its owner's login. */
export async function listKeysForAdmin(runtime: GatewayRuntime) {
  const now = Date.now();
  return (await listAllApiKeys(runtime.database)).map(({ apiKey, login }) => ({ ...describeApiKey(apiKey, now), userId: apiKey.userId, login }));
}

/** `DELETE /api/admin/keys/{id}`: revokes any key. @throws ApiError 404 when there is no such live key. */
export async function revokeKeyForAdmin(runtime: GatewayRuntime, id: number) {
  if (!(await revokeApiKey(runtime.database, { id, now: Date.now() }))) throw new ApiError(404, `No active key ${id}.`);
  return { revoked: id };
}

const ipBlockSchema = z.object({ range: singleLineText(64), note: singleLineText(500).optional() }).strict();

/** `GET /api/admin/ip-blocks`. */
export async function listIpBlocksForAdmin(runtime: GatewayRuntime) {
  return listIpBlocks(runtime.database);
}

/**
 * `POST /api/admin/ip-blocks` `{range, note?}`: blocks an address or CIDR range on `/v1` and at
 * sign-in, on every instance within seconds. `range` is read by `parseIpRange` (an address,
 * optionally `/N` with N in plain decimal within the family's 0–32 or 0–128, no spaces) and stored
 * in its canonical form, so `10.1.2.3/8` is stored as `10.0.0.0/8`.
 * @throws ApiError 400 naming `range` for something that is not an address or range, 409 when already listed.
 */
export async function addIpBlockForAdmin(request: Request, runtime: GatewayRuntime) {
  const parsed = ipBlockSchema.safeParse(await readJsonBody(request));
  if (!parsed.success) throw badRequest(parsed.error);
  let range: string;
  try {
    range = parseIpRange(parsed.data.range).canonical;
  } catch (error) {
    throw new ApiError(400, `range: ${(error as Error).message}`);
  }
  try {
    const block = await insertIpBlock(runtime.database, { range, note: parsed.data.note, now: Date.now() });
    runtime.ipBlocklist.invalidate();
    return block;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError(409, `${range} is already blocked.`);
    throw error;
  }
}

/** `DELETE /api/admin/ip-blocks/{id}`. @throws ApiError 404. */
export async function removeIpBlockForAdmin(runtime: GatewayRuntime, id: number) {
  if (!(await deleteIpBlock(runtime.database, { id }))) throw new ApiError(404, `No block ${id}.`);
  runtime.ipBlocklist.invalidate();
  return { deleted: id };
}

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
/** One day in ms. */
export const dayMs = 24 * hourMs;
/** Chart windows of the overview: their length and bucket size (ms). */
const overviewWindows = {
  hour: { lengthMs: hourMs, bucketMs: minuteMs },
  day: { lengthMs: dayMs, bucketMs: hourMs },
  week: { lengthMs: 7 * dayMs, bucketMs: 6 * hourMs },
} as const;

/**
 * `GET /api/admin/overview?window=hour|day|week`: request, failure, token, credit and latency series
 * in buckets (a minute, an hour, six hours), totals (requests per minute, success rate, average
 * latency in ms, credits), pool health, and the top users and models of the window.
 */
export async function overviewForAdmin(request: Request, runtime: GatewayRuntime) {
  const windowName = new URL(request.url).searchParams.get("window") ?? "day";
  if (!Object.hasOwn(overviewWindows, windowName)) throw new ApiError(400, "window: one of hour, day, week.");
  const window = overviewWindows[windowName as keyof typeof overviewWindows];
  const now = Date.now();
  const since = now - window.lengthMs;
  const series = await usageBuckets(runtime.database, { since, until: now, bucketMs: window.bucketMs });
  const requests = series.reduce((sum, bucket) => sum + bucket.requests, 0);
  const failures = series.reduce((sum, bucket) => sum + bucket.failures, 0);
  const latencyWeighted = series.reduce((sum, bucket) => sum + bucket.averageLatencyMs * bucket.requests, 0);
  const credentials = await listCredentialsForAdmin(runtime);
  const byStatus: Record<string, number> = {};
  for (const credential of credentials) {
    const state = credential.retired ? "retired" : !credential.enabled ? "disabled" : credential.status;
    byStatus[state] = (byStatus[state] ?? 0) + 1;
  }
  return {
    window: windowName,
    bucketMs: window.bucketMs,
    series,
    totals: {
      requests,
      failures,
      requestsPerMinute: requests / (window.lengthMs / minuteMs),
      successRate: requests ? (requests - failures) / requests : null,
      averageLatencyMs: requests ? Math.round(latencyWeighted / requests) : null,
      credits: series.reduce((sum, bucket) => sum + bucket.credits, 0),
      inputTokens: series.reduce((sum, bucket) => sum + bucket.inputTokens, 0),
      outputTokens: series.reduce((sum, bucket) => sum + bucket.outputTokens, 0),
    },
    pool: { total: credentials.length, byStatus, inFlight: credentials.reduce((sum, credential) => sum + credential.figures.inFlight, 0) },
    topUsers: (await topUsers(runtime.database, { since })).map((row) => ({ ...row, requests: Number(row.requests), credits: Number(row.credits) })),
    topModels: (await topModels(runtime.database, { since })).map((row) => ({ ...row, requests: Number(row.requests) })),
    activeRequests: runtime.activeRequests,
  };
}
