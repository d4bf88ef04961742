import type { Database } from "@/lib/db/client";
import { getCredentialById, listUsableCredentials, updateCredentialIfVersion } from "@/lib/db/queries/credentials";
import type { Credential } from "@/lib/db/schema";
import { CredentialRefreshError, refreshAccessToken, type RefreshRequest, type TokenGrant } from "./refresh-access-token";
import { hashSecret, type SecretBox } from "./secret-box";

/** Refresh this long before expiry (ms), so no request starts with a token about to lapse. */
export const refreshAheadMs = 5 * 60 * 1000;
// Kiro's `expiresIn` is trimmed by this much (ms) before it is stored (spec §4.4).
const expirySafetyMarginMs = 60 * 1000;

/** Where refreshes go for a credential's auth region. */
export type RefreshEndpoints = { socialBaseUrl(region: string): string; oidcBaseUrl(region: string): string };

/** Dependencies of the pool; `now` (epoch ms) and `refresh` are replaceable in tests. */
export type CredentialPoolOptions = {
  database: Database;
  secretBox: SecretBox;
  endpoints: RefreshEndpoints;
  now?: () => number;
  refresh?: (request: RefreshRequest) => Promise<TokenGrant>;
  /** Called after a rotated refresh token has been saved (e.g. to write it back to KIRO_CREDS_FILE). */
  onRefreshTokenRotated?: (credential: Credential, previousRefreshToken: string, grant: TokenGrant) => Promise<void>;
};

/** A usable access token and the credential row it belongs to. */
export type CredentialAccess = { credential: Credential; accessToken: string };

/**
 * The pool of Kiro credentials. It picks credentials round robin among the usable ones and hands
 * out access tokens, refreshing them ahead of expiry. Refreshes are single-flight per credential
 * (concurrent requests wait for one refresh), and every token write is a compare-and-swap on the
 * row's version, with a rotated refresh token saved in the same write, before the new access token
 * is used.
 */
export class CredentialPool {
  private cursor = 0;
  private readonly refreshes = new Map<number, Promise<CredentialAccess>>();
  private readonly now: () => number;
  private readonly refresh: (request: RefreshRequest) => Promise<TokenGrant>;

  constructor(private readonly options: CredentialPoolOptions) {
    this.now = options.now ?? Date.now;
    this.refresh = options.refresh ?? refreshAccessToken;
  }

  /** The next usable credential in round-robin order, skipping `excludedIds`; undefined when none is left. */
  async pick(excludedIds: ReadonlySet<number> = new Set()): Promise<Credential | undefined> {
    const usable = (await listUsableCredentials(this.options.database)).filter((row) => !excludedIds.has(row.id));
    if (usable.length === 0) return undefined;
    const chosen = usable[this.cursor % usable.length];
    this.cursor = (this.cursor + 1) % Number.MAX_SAFE_INTEGER;
    return chosen;
  }

  /**
   * A valid access token for a credential, refreshed first when missing or within
   * `refreshAheadMs` of expiry. `forceRefresh` (after an upstream 403) refreshes unless another
   * caller already replaced `rejectedAccessToken`.
   * @throws CredentialRefreshError when the refresh fails; permanent failures mark the credential `invalid`.
   */
  async accessTokenFor(
    credential: Credential,
    options: { forceRefresh?: boolean; rejectedAccessToken?: string } = {},
  ): Promise<CredentialAccess> {
    if (!options.forceRefresh) {
      const cached = this.validAccessToken(credential);
      if (cached) return { credential, accessToken: cached };
    }
    const running = this.refreshes.get(credential.id);
    if (running) return running;
    const refresh = this.refreshCredential(credential.id, options).finally(() => this.refreshes.delete(credential.id));
    this.refreshes.set(credential.id, refresh);
    return refresh;
  }

  private validAccessToken(row: Credential): string | undefined {
    if (!row.accessTokenCiphertext || !row.accessTokenExpiresAt) return undefined;
    if (row.accessTokenExpiresAt - this.now() <= refreshAheadMs) return undefined;
    return this.options.secretBox.open(row.accessTokenCiphertext);
  }

  private async refreshCredential(
    id: number,
    options: { forceRefresh?: boolean; rejectedAccessToken?: string },
  ): Promise<CredentialAccess> {
    const { database, secretBox, endpoints } = this.options;
    // Re-read: another process sharing the database may have refreshed (or rotated) meanwhile.
    let row = await this.requireRow(id);
    const current = this.validAccessToken(row);
    if (current && (!options.forceRefresh || current !== options.rejectedAccessToken)) return { credential: row, accessToken: current };

    for (let attempt = 0; ; attempt += 1) {
      const refreshToken = secretBox.open(row.refreshTokenCiphertext);
      let grant: TokenGrant;
      try {
        grant = await this.refresh({
          kind: row.kind,
          refreshToken,
          clientId: row.clientId ?? undefined,
          clientSecret: row.clientSecretCiphertext ? secretBox.open(row.clientSecretCiphertext) : undefined,
          machineId: row.machineId,
          socialBaseUrl: endpoints.socialBaseUrl(row.authRegion),
          oidcBaseUrl: endpoints.oidcBaseUrl(row.authRegion),
        });
      } catch (error) {
        const failure =
          error instanceof CredentialRefreshError ? error : new CredentialRefreshError(String(error), false);
        const latest = await this.requireRow(id);
        if (failure.permanent && latest.refreshTokenHash !== row.refreshTokenHash && attempt === 0) {
          // Another instance rotated the refresh token under us; the new one may well work.
          row = latest;
          continue;
        }
        await updateCredentialIfVersion(database, {
          id,
          expectedVersion: latest.version,
          values: failure.permanent ? { status: "invalid", lastError: failure.message } : { lastError: failure.message },
        });
        throw failure;
      }

      const rotated = grant.refreshToken && grant.refreshToken !== refreshToken ? grant.refreshToken : undefined;
      const values = {
        accessTokenCiphertext: secretBox.seal(grant.accessToken),
        accessTokenExpiresAt: this.now() + grant.expiresInSeconds * 1000 - expirySafetyMarginMs,
        encryptionKeyId: secretBox.keyId,
        status: "active" as const,
        lastError: null,
        ...(rotated ? { refreshTokenCiphertext: secretBox.seal(rotated), refreshTokenHash: hashSecret(rotated) } : {}),
        ...(row.kind === "social" && grant.profileArn ? { profileArn: grant.profileArn } : {}),
      };
      const saved = await updateCredentialIfVersion(database, { id, expectedVersion: row.version, values });
      const updated = await this.requireRow(id);
      if (!saved) {
        // Someone else wrote first; their token is as good as ours and theirs is the one stored.
        const theirs = this.validAccessToken(updated);
        if (theirs) return { credential: updated, accessToken: theirs };
        throw new CredentialRefreshError("credential changed during refresh; try again", false);
      }
      if (rotated && this.options.onRefreshTokenRotated) {
        await this.options.onRefreshTokenRotated(updated, refreshToken, grant).catch(() => undefined);
      }
      return { credential: updated, accessToken: grant.accessToken };
    }
  }

  private async requireRow(id: number): Promise<Credential> {
    const row = await getCredentialById(this.options.database, { id });
    if (!row) throw new CredentialRefreshError(`credential ${id} no longer exists`, true);
    return row;
  }
}
