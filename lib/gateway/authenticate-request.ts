import { bearerToken, matchesSecret } from "@/lib/auth/secret-comparison";
import { hashApiKey, looksLikeUserKey } from "@/lib/auth/api-keys";
import { resolveClientAddress } from "@/lib/auth/client-address";
import { findApiKeyByHash, touchApiKey } from "@/lib/db/queries/users";
import { LlmError } from "@/lib/llm/unified/llm-error";
import { OwnTokenCache } from "@/lib/pool/bring-your-own-token";
import type { GatewayRuntime } from "./gateway-runtime";

/**
 * The API key of a request: `x-api-key` (Anthropic style) or `Authorization: Bearer KEY` (OpenAI
 * style, scheme case-insensitive). Undefined when neither is present.
 */
export function extractApiKey(headers: Headers): string | undefined {
  return headers.get("x-api-key")?.trim() || bearerToken(headers);
}

/**
 * Who a request is: the proxy key (the whole pool), the proxy key with the client's own Kiro
 * refresh token after its first colon (`PROXY_API_KEY:REFRESH_TOKEN`, spec §5.2), or a user's key.
 * `keyLabel` names the key in records without revealing it.
 */
export type RequestIdentity =
  | { kind: "proxy"; keyLabel: "proxy" }
  | { kind: "own-token"; keyLabel: string; refreshToken: string }
  | { kind: "user"; keyLabel: string; userId: number; apiKeyId: number };

// A key's last use is written at most this often (ms), not on every request.
const lastUseDebounceMs = 60_000;
const lastUseWrittenAt = new Map<number, number>();

/**
 * Admits a request to `/v1`: refuses a blocked client address (403), then identifies the key —
 * the proxy key and its own-token form in constant time, or a user key by its hash, refused when
 * revoked, expired or its owner is banned.
 * @throws LlmError `permission` (403) or `authentication` (401).
 */
export async function admitRequest(request: Request, runtime: GatewayRuntime): Promise<RequestIdentity> {
  const address = resolveClientAddress(request.headers, runtime.trustedProxies);
  if (address && (await runtime.ipBlocklist.isBlocked(address))) {
    throw new LlmError("permission", "Requests from your address are blocked by this gateway's operator.");
  }
  const key = extractApiKey(request.headers);
  if (!key) throw new LlmError("authentication", "Missing API key: send it as 'x-api-key: KEY' or 'Authorization: Bearer KEY'.");
  const proxyApiKey = runtime.environment.PROXY_API_KEY;
  if (matchesSecret(key, proxyApiKey)) return { kind: "proxy", keyLabel: "proxy" };
  const colon = key.indexOf(":");
  // Refresh tokens may contain colons, so only the first one separates the two parts.
  if (colon > 0 && !proxyApiKey.includes(":") && matchesSecret(key.slice(0, colon), proxyApiKey)) {
    const refreshToken = key.slice(colon + 1).trim();
    if (!refreshToken) throw new LlmError("authentication", "The key has no refresh token after its colon.");
    return { kind: "own-token", keyLabel: OwnTokenCache.label(refreshToken), refreshToken };
  }
  if (looksLikeUserKey(key)) {
    const found = await findApiKeyByHash(runtime.database, { keyHash: hashApiKey(key) });
    const now = Date.now();
    if (found && !found.apiKey.revokedAt && (!found.apiKey.expiresAt || found.apiKey.expiresAt > now)) {
      if (found.user.status !== "active") throw new LlmError("authentication", "This key's owner is banned from this gateway.");
      if (now - (lastUseWrittenAt.get(found.apiKey.id) ?? 0) > lastUseDebounceMs) {
        lastUseWrittenAt.set(found.apiKey.id, now);
        await touchApiKey(runtime.database, { id: found.apiKey.id, now });
      }
      return { kind: "user", keyLabel: `key:${found.apiKey.id}`, userId: found.user.id, apiKeyId: found.apiKey.id };
    }
    if (found) throw new LlmError("authentication", found.apiKey.revokedAt ? "This API key was revoked." : "This API key has expired.");
  }
  throw new LlmError("authentication", "Invalid API key.");
}
