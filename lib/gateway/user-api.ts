import { z } from "zod";
import { generateApiKey } from "@/lib/auth/api-keys";
import type { SessionUser } from "@/lib/auth/auth";
import { ApiError } from "./route-guards";
import { deleteCredential, getCredentialById, listCredentialsOfUser, setCredentialState } from "@/lib/db/queries/credentials";
import { usageBuckets } from "@/lib/db/queries/request-records";
import { insertApiKey, listUserApiKeys, revokeApiKey } from "@/lib/db/queries/users";
import type { Credential } from "@/lib/db/schema";
import { addKiroCredentials } from "@/lib/pool/add-credentials";
import { badRequest, dayMs, describeApiKey, describeCredential, parseCredentialInput, summarizeAddition, testCredentialNow } from "./admin-api";
import type { GatewayRuntime } from "./gateway-runtime";
import { readJsonBody } from "./read-json-body";
import { singleLineText } from "./text-fields";

/** Most live (not revoked, not expired) keys a user may hold; enforced here, not only in the UI (spec §8.5 #45). */
export const maximumLiveKeysPerUser = 20;

/** `GET /api/me`: who I am, and what the admin says to everyone (announcement, self-use-only). */
export async function profileForUser(runtime: GatewayRuntime, user: SessionUser) {
  const settings = await runtime.settings.get();
  return { user, announcement: settings.announcement, selfUseOnly: settings.selfUseOnly, maximumLiveKeys: maximumLiveKeysPerUser };
}

/** `GET /api/me/keys`: my keys, newest first (prefix only). */
export async function listOwnKeys(runtime: GatewayRuntime, user: SessionUser) {
  const now = Date.now();
  return (await listUserApiKeys(runtime.database, { userId: user.id })).map((key) => describeApiKey(key, now));
}

const createKeySchema = z
  .object({
    name: singleLineText(100),
    /** Days until the key stops working; absent for a key that does not expire. */
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();

/**
 * `POST /api/me/keys` `{name, expiresInDays?}`: a new key, returned whole this once (only its
 * SHA-256 and a display prefix are stored).
 * @throws ApiError 400 for a bad body, 409 at the live-key limit.
 */
export async function createOwnKey(request: Request, runtime: GatewayRuntime, user: SessionUser) {
  const parsed = createKeySchema.safeParse(await readJsonBody(request, 16 * 1024));
  if (!parsed.success) throw badRequest(parsed.error);
  const now = Date.now();
  const live = (await listOwnKeys(runtime, user)).filter((key) => key.state === "active").length;
  if (live >= maximumLiveKeysPerUser) throw new ApiError(409, `You already have ${maximumLiveKeysPerUser} live keys; revoke one first.`);
  const generated = generateApiKey();
  const stored = await insertApiKey(runtime.database, {
    userId: user.id,
    name: parsed.data.name,
    displayPrefix: generated.displayPrefix,
    keyHash: generated.keyHash,
    createdAt: now,
    expiresAt: parsed.data.expiresInDays ? now + parsed.data.expiresInDays * dayMs : null,
  });
  const ownCredentials = await listCredentialsOfUser(runtime.database, { userId: user.id });
  return {
    key: generated.key,
    apiKey: describeApiKey(stored, now),
    // Which accounts this key will use, so the dashboard can say so.
    usesOwnCredentials: ownCredentials.some((credential) => credential.enabled && credential.status !== "invalid" && credential.status !== "suspended"),
  };
}

/** `DELETE /api/me/keys/{id}`: revokes one of my keys. @throws ApiError 404 for a key that is not mine or not live. */
export async function revokeOwnKey(runtime: GatewayRuntime, user: SessionUser, id: number) {
  if (!Number.isInteger(id) || !(await revokeApiKey(runtime.database, { id, userId: user.id, now: Date.now() }))) throw new ApiError(404, `You have no active key ${id}.`);
  return { revoked: id };
}

/** `GET /api/me/credentials`: the Kiro accounts I donated, with status, quota and figures (never a secret). */
export async function listOwnCredentials(runtime: GatewayRuntime, user: SessionUser) {
  const inFlight = runtime.pool.inFlightByCredential();
  return (await listCredentialsOfUser(runtime.database, { userId: user.id })).map((row) => describeCredential(row, inFlight.get(row.id) ?? 0, user.login));
}

const donateSchema = z
  .object({
    /** A refresh token, Kiro credentials JSON (object, array), or that JSON as pasted text. */
    credentials: z.union([z.string().trim().min(1).max(200_000), z.record(z.string(), z.unknown()), z.array(z.unknown()).max(500)]),
    visibility: z.enum(["public", "private"]).default("private"),
    name: singleLineText(100).optional(),
  })
  .strict();

/**
 * `POST /api/me/credentials` `{credentials, visibility?, name?}`: donates Kiro accounts. Each is
 * checked by a refresh before it is stored (encrypted); `private` ones serve only my keys, `public`
 * ones join the shared pool.
 * @throws ApiError 400 for a bad body or no refresh token found; refused accounts are reported per entry.
 */
export async function donateCredentials(request: Request, runtime: GatewayRuntime, user: SessionUser) {
  const parsed = donateSchema.safeParse(await readJsonBody(request, 5 * 1024 * 1024));
  if (!parsed.success) throw badRequest(parsed.error);
  const input = parseCredentialInput(parsed.data.credentials, { maximumNameLength: 100 });
  const results = await addKiroCredentials(input.credentials, {
    database: runtime.database,
    environment: runtime.environment,
    secretBox: runtime.secretBox,
    source: "user",
    ownerUserId: user.id,
    visibility: parsed.data.visibility,
    validate: true,
    name: parsed.data.name,
  });
  return summarizeAddition(results, input.errors);
}

async function requireOwnCredential(runtime: GatewayRuntime, user: SessionUser, id: number): Promise<Credential> {
  const row = Number.isInteger(id) && id > 0 ? await getCredentialById(runtime.database, { id }) : undefined;
  // Someone else's credential is "not found", so ids reveal nothing.
  if (!row || row.ownerUserId !== user.id) throw new ApiError(404, `You have no credential ${id}.`);
  return row;
}

const patchOwnSchema = z
  .object({
    enabled: z.boolean().optional(),
    visibility: z.enum(["public", "private"]).optional(),
    name: singleLineText(100).optional(),
  })
  .strict();

/**
 * `PATCH /api/me/credentials/{id}` `{enabled?, visibility?, name?}`: pause or resume, share or keep, rename.
 * @throws ApiError 400, 404, or 403 when resuming an account an admin disabled.
 */
export async function patchOwnCredential(request: Request, runtime: GatewayRuntime, user: SessionUser, id: number) {
  const current = await requireOwnCredential(runtime, user, id);
  const parsed = patchOwnSchema.safeParse(await readJsonBody(request, 16 * 1024));
  if (!parsed.success) throw badRequest(parsed.error);
  if (parsed.data.enabled === true && current.disabledByAdmin) {
    throw new ApiError(403, "The gateway's admin disabled this account; only an admin can turn it back on.");
  }
  await setCredentialState(runtime.database, { id, values: parsed.data });
  return describeCredential(await requireOwnCredential(runtime, user, id), 0, user.login);
}

/** `DELETE /api/me/credentials/{id}`: removes my credential and its secrets. @throws ApiError 404. */
export async function deleteOwnCredential(runtime: GatewayRuntime, user: SessionUser, id: number) {
  await requireOwnCredential(runtime, user, id);
  await deleteCredential(runtime.database, { id });
  return { deleted: id };
}

/** `POST /api/me/credentials/{id}/test`: refreshes if needed and reads the account's quota from Kiro now. @throws ApiError 404. */
export async function testOwnCredential(runtime: GatewayRuntime, user: SessionUser, id: number) {
  await requireOwnCredential(runtime, user, id);
  const outcome = await testCredentialNow(runtime, id);
  return { ...outcome, credential: { ...outcome.credential, ownerLogin: user.login } };
}

/** `GET /api/me/usage`: my requests, tokens and credits per UTC day over the last 30 days. */
export async function usageForUser(runtime: GatewayRuntime, user: SessionUser) {
  const now = Date.now();
  return { bucketMs: dayMs, series: await usageBuckets(runtime.database, { since: now - 30 * dayMs, until: now, bucketMs: dayMs, userId: user.id }) };
}
