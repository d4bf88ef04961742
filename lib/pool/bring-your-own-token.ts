import { createHash } from "node:crypto";
import { refreshAccessToken, type RefreshRequest, type TokenGrant } from "./refresh-access-token";

/** What a request needs to call Kiro with a client's own refresh token. */
export type OwnTokenAccess = { accessToken: string; machineId: string; profileArn?: string };

type CachedToken = { refreshToken: string; accessToken?: string; expiresAt: number; profileArn?: string; pending?: Promise<OwnTokenAccess> };

const cacheSize = 100;
const refreshAheadMs = 5 * 60 * 1000;

/**
 * Access tokens for keys of the form `PROXY_API_KEY:REFRESH_TOKEN` (spec §5.2 combined mode): the
 * client brings its own social Kiro login, which never joins the pool and is never stored or logged.
 * Access tokens are cached in memory by a hash of the refresh token (the 100 most recent), refreshed
 * single-flight, and a rotated refresh token replaces the client's one in memory so its key keeps
 * working while the process runs.
 */
export class OwnTokenCache {
  private readonly entries = new Map<string, CachedToken>();

  constructor(
    private readonly endpoints: { socialBaseUrl: string; oidcBaseUrl: string },
    private readonly refresh: (request: RefreshRequest) => Promise<TokenGrant> = refreshAccessToken,
    private readonly now: () => number = Date.now,
  ) {}

  /** A label for records: `byot:` and the first 12 hex characters of the token's SHA-256. */
  static label(refreshToken: string): string {
    return `byot:${OwnTokenCache.hash(refreshToken).slice(0, 12)}`;
  }

  private static hash(refreshToken: string): string {
    return createHash("sha256").update(refreshToken).digest("hex");
  }

  /**
   * A valid access token for the client's refresh token.
   * @throws CredentialRefreshError when Kiro refuses it.
   */
  async access(refreshToken: string, options: { forceRefresh?: boolean } = {}): Promise<OwnTokenAccess> {
    const key = OwnTokenCache.hash(refreshToken);
    // The machine id follows the client's original token, so it stays stable across rotations.
    const machineId = createHash("sha256").update(`kirogate-own-token/${key}`).digest("hex");
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { refreshToken, expiresAt: 0 };
      this.entries.set(key, entry);
      if (this.entries.size > cacheSize) this.entries.delete(this.entries.keys().next().value as string);
    } else {
      // Most recently used last, so the oldest is evicted first.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    if (!options.forceRefresh && entry.accessToken && entry.expiresAt - this.now() > refreshAheadMs) {
      return { accessToken: entry.accessToken, machineId, profileArn: entry.profileArn };
    }
    if (entry.pending) return entry.pending;
    const current = entry;
    current.pending = (async () => {
      try {
        const grant = await this.refresh({
          kind: "social",
          refreshToken: current.refreshToken,
          machineId,
          socialBaseUrl: this.endpoints.socialBaseUrl,
          oidcBaseUrl: this.endpoints.oidcBaseUrl,
        });
        current.accessToken = grant.accessToken;
        current.expiresAt = this.now() + grant.expiresInSeconds * 1000 - 60_000;
        if (grant.refreshToken) current.refreshToken = grant.refreshToken;
        if (grant.profileArn) current.profileArn = grant.profileArn;
        return { accessToken: grant.accessToken, machineId, profileArn: current.profileArn };
      } finally {
        current.pending = undefined;
      }
    })();
    return current.pending;
  }
}
