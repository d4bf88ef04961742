import { randomBytes } from "node:crypto";
import { findCredentialByRefreshTokenHash, insertCredential } from "@/lib/db/queries/credentials";
import { isUniqueViolation, type Database } from "@/lib/db/client";
import { kiroOidcBaseUrl, kiroSocialAuthBaseUrl, type Environment } from "@/lib/env";
import type { ParsedKiroCredential } from "./kiro-credentials-file";
import { refreshAccessToken, type TokenGrant } from "./refresh-access-token";
import { hashSecret, type SecretBox } from "./secret-box";
import { normalizeMachineId } from "./seed-credentials";

/**
 * What happened to one entry of an addition: added (with its id), already stored, or refused by
 * Kiro's refresh. `index` is the entry's position in the submitted input (`ParsedKiroCredential.position`),
 * the same numbering as the JSON paths of the entries that could not be read.
 */
export type CredentialAdditionResult = { index: number; result: "added" | "duplicate" | "invalid"; id?: number; error?: string };

/** Who adds credentials and how: the admin (operator's, public) or a user donating (owner and visibility). */
export type CredentialAdditionOptions = {
  database: Database;
  environment: Environment;
  secretBox: SecretBox;
  source: "admin" | "user";
  ownerUserId?: number;
  visibility: "public" | "private";
  /** Check each credential with a refresh before storing it (always true for users). */
  validate: boolean;
  /** Name for a single credential; otherwise each entry's own name or a generated one. */
  name?: string;
};

/**
 * Stores Kiro credentials parsed from any accepted shape (`parseKiroCredentialsJson`): each is
 * refreshed first when `validate` (social or IdC refresh, spec §4.2–§4.3) and stored encrypted with
 * the rotated refresh token and fresh access token; a refresh token already stored is reported as a
 * duplicate and not touched (whoever owns it). Entries are independent: one refusal does not stop the others.
 */
export async function addKiroCredentials(entries: ParsedKiroCredential[], options: CredentialAdditionOptions): Promise<CredentialAdditionResult[]> {
  const { database, environment, secretBox } = options;
  const results: CredentialAdditionResult[] = [];
  for (const entry of entries) {
    const index = entry.position;
    const refreshTokenHash = hashSecret(entry.refreshToken);
    const existing = await findCredentialByRefreshTokenHash(database, { refreshTokenHash });
    if (existing) {
      // A user learns only that it exists, not whose it is.
      results.push({ index, result: "duplicate", ...(options.source === "admin" || existing.ownerUserId === options.ownerUserId ? { id: existing.id } : {}) });
      continue;
    }
    const isIdc = Boolean(entry.clientId && entry.clientSecret);
    const authRegion = entry.region ?? environment.KIRO_REGION;
    const machineId = normalizeMachineId(entry.machineId) ?? randomBytes(32).toString("hex");
    let grant: TokenGrant | undefined;
    if (options.validate) {
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
    try {
      const row = await insertCredential(database, {
        name: (entries.length === 1 ? options.name : undefined) ?? entry.name ?? `${options.source} #${Date.now().toString(36)}-${index}`,
        kind: isIdc ? "idc" : "social",
        source: options.source,
        ownerUserId: options.ownerUserId ?? null,
        visibility: options.visibility,
        refreshTokenCiphertext: secretBox.seal(storedRefreshToken),
        refreshTokenHash: hashSecret(storedRefreshToken),
        seedRefreshTokenHash: refreshTokenHash,
        clientId: isIdc ? entry.clientId : null,
        clientSecretCiphertext: isIdc && entry.clientSecret ? secretBox.seal(entry.clientSecret) : null,
        encryptionKeyId: secretBox.keyId,
        profileArn: isIdc ? null : (grant?.profileArn ?? entry.profileArn ?? null),
        authRegion,
        apiRegion: environment.KIRO_REGION,
        machineId,
        accessTokenCiphertext: grant ? secretBox.seal(grant.accessToken) : null,
        accessTokenExpiresAt: grant ? Date.now() + grant.expiresInSeconds * 1000 - 60_000 : null,
      });
      results.push({ index, result: "added", id: row.id });
    } catch (error) {
      // The same token added by a concurrent request a moment ago.
      if (!isUniqueViolation(error)) throw error;
      results.push({ index, result: "duplicate" });
    }
  }
  return results;
}
