import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import { isUniqueViolation, type Database } from "@/lib/db/client";
import { findCredentialByRefreshTokenHash, insertCredential, retireUnlistedSeededCredentials } from "@/lib/db/queries/credentials";
import type { Credential, CredentialKind } from "@/lib/db/schema";
import type { Environment } from "@/lib/env";
import { readKiroCredentialsFile, type ParsedKiroCredential } from "./kiro-credentials-file";
import type { TokenGrant } from "./refresh-access-token";
import { hashSecret, type SecretBox } from "./secret-box";

/** A credential found in the configuration, with the stable key of where it was found. */
export type CredentialSeed = {
  sourceKey: string;
  source: "environment" | "file";
  name: string;
  kind: CredentialKind;
  refreshToken: string;
  clientId?: string;
  clientSecret?: string;
  profileArn?: string;
  authRegion: string;
  apiRegion: string;
  machineId?: string;
  accessToken?: string;
  /** Epoch ms. */
  accessTokenExpiresAt?: number;
};

/**
 * Reads the credentials the configuration names: `REFRESH_TOKEN` (with `CLIENT_ID` /
 * `CLIENT_SECRET` for IdC and `PROFILE_ARN`), and every entry of `KIRO_CREDS_FILE`.
 * Problems with single file entries are returned as warnings; an unreadable file throws.
 */
export async function collectCredentialSeeds(environment: Environment): Promise<{ seeds: CredentialSeed[]; warnings: string[] }> {
  const seeds: CredentialSeed[] = [];
  const warnings: string[] = [];
  if (environment.REFRESH_TOKEN) {
    const isIdc = Boolean(environment.CLIENT_ID && environment.CLIENT_SECRET);
    seeds.push({
      sourceKey: "environment:REFRESH_TOKEN",
      source: "environment",
      name: "REFRESH_TOKEN",
      kind: isIdc ? "idc" : "social",
      refreshToken: environment.REFRESH_TOKEN,
      clientId: isIdc ? environment.CLIENT_ID : undefined,
      clientSecret: isIdc ? environment.CLIENT_SECRET : undefined,
      profileArn: isIdc ? undefined : environment.PROFILE_ARN,
      authRegion: environment.KIRO_REGION,
      apiRegion: environment.KIRO_REGION,
    });
  }
  if (environment.KIRO_CREDS_FILE) {
    const file = await readKiroCredentialsFile(environment.KIRO_CREDS_FILE);
    warnings.push(...file.errors.map((error) => `KIRO_CREDS_FILE: ${error}`));
    file.credentials.forEach((entry, index) => seeds.push(seedFromFile(entry, `file:${file.path}#${index}`, environment)));
  }
  return { seeds, warnings };
}

function seedFromFile(entry: ParsedKiroCredential, sourceKey: string, environment: Environment): CredentialSeed {
  const isIdc = Boolean(entry.clientId && entry.clientSecret);
  return {
    sourceKey,
    source: "file",
    name: entry.name ?? `KIRO_CREDS_FILE #${sourceKey.split("#").pop()}`,
    kind: isIdc ? "idc" : "social",
    refreshToken: entry.refreshToken,
    clientId: isIdc ? entry.clientId : undefined,
    clientSecret: isIdc ? entry.clientSecret : undefined,
    profileArn: isIdc ? undefined : entry.profileArn,
    authRegion: entry.region ?? environment.KIRO_REGION,
    apiRegion: environment.KIRO_REGION,
    machineId: entry.machineId,
    accessToken: entry.accessToken,
    accessTokenExpiresAt: entry.expiresAt,
  };
}

/**
 * Stores the configured credentials without duplicates and retires those no longer configured. A
 * seed whose refresh token is already known (now, or as first seeded before a rotation) keeps its
 * row; a new token gets a new row; a row seeded earlier whose token the configuration no longer
 * holds (the operator changed `REFRESH_TOKEN` or edited `KIRO_CREDS_FILE`) is retired, so it
 * serves nothing. Safe to run on every start and from several processes at once.
 */
export async function seedCredentials(
  database: Database,
  secretBox: SecretBox,
  seeds: CredentialSeed[],
  now = Date.now(),
): Promise<{ inserted: number; unchanged: number; retired: number }> {
  const counts = { inserted: 0, unchanged: 0, retired: 0 };
  const keptIds: number[] = [];
  for (const seed of seeds) {
    const refreshTokenHash = hashSecret(seed.refreshToken);
    const known = await findCredentialByRefreshTokenHash(database, { refreshTokenHash });
    if (known) {
      keptIds.push(known.id);
      counts.unchanged += 1;
      continue;
    }
    try {
      const inserted = await insertCredential(database, {
        name: seed.name,
        kind: seed.kind,
        source: seed.source,
        sourceKey: seed.sourceKey,
        refreshTokenCiphertext: secretBox.seal(seed.refreshToken),
        refreshTokenHash,
        seedRefreshTokenHash: refreshTokenHash,
        clientId: seed.clientId ?? null,
        clientSecretCiphertext: seed.clientSecret ? secretBox.seal(seed.clientSecret) : null,
        encryptionKeyId: secretBox.keyId,
        profileArn: seed.profileArn ?? null,
        authRegion: seed.authRegion,
        apiRegion: seed.apiRegion,
        machineId: normalizeMachineId(seed.machineId) ?? randomBytes(32).toString("hex"),
        accessTokenCiphertext: seed.accessToken ? secretBox.seal(seed.accessToken) : null,
        accessTokenExpiresAt: seed.accessToken ? (seed.accessTokenExpiresAt ?? null) : null,
      });
      keptIds.push(inserted.id);
      counts.inserted += 1;
    } catch (error) {
      // Another process seeding the same database inserted this token first.
      if (!isUniqueViolation(error)) throw error;
      const winner = await findCredentialByRefreshTokenHash(database, { refreshTokenHash });
      if (winner) keptIds.push(winner.id);
      counts.unchanged += 1;
    }
  }
  counts.retired = await retireUnlistedSeededCredentials(database, { keptIds, now });
  return counts;
}

/** A 64-hex machine id as the Kiro IDE uses: kept as is, or a UUID without dashes repeated twice (spec §2.2). */
export function normalizeMachineId(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const hex = value.replace(/-/g, "").toLowerCase();
  if (/^[0-9a-f]{64}$/.test(hex)) return hex;
  if (/^[0-9a-f]{32}$/.test(hex)) return hex + hex;
  return undefined;
}

/**
 * After a refresh rotated the token of a credential seeded from `KIRO_CREDS_FILE`, writes the new
 * tokens into that file entry (other members kept), atomically through a temporary file, so the
 * file stays usable. Skipped when the entry no longer holds the old token (the Kiro IDE may have
 * written a newer one).
 */
export async function writeRotatedTokenToCredentialsFile(credential: Credential, previousRefreshToken: string, grant: TokenGrant): Promise<void> {
  if (credential.source !== "file" || !credential.sourceKey?.startsWith("file:")) return;
  const filePath = credential.sourceKey.slice("file:".length).replace(/#\d+$/, "");
  const json: unknown = JSON.parse(await fs.readFile(filePath, "utf8"));
  let changed = false;
  const update = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(update);
    if (!node || typeof node !== "object") return;
    const object = node as Record<string, unknown>;
    const target = object.credentials && typeof object.credentials === "object" ? (object.credentials as Record<string, unknown>) : object;
    for (const key of ["refreshToken", "refresh_token"]) {
      if (target[key] === previousRefreshToken) {
        target[key] = grant.refreshToken;
        if ("accessToken" in target || key === "refreshToken") target.accessToken = grant.accessToken;
        target.expiresAt = new Date(Date.now() + grant.expiresInSeconds * 1000).toISOString();
        changed = true;
        return;
      }
    }
    for (const key of ["accounts", "tokens", "data"]) if (Array.isArray(object[key])) update(object[key]);
  };
  update(json);
  if (!changed) return;
  const temporaryPath = `${filePath}.${process.pid}.tmp`;
  await fs.writeFile(temporaryPath, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o600 });
  await fs.rename(temporaryPath, filePath);
}
