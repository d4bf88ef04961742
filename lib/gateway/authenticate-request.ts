import { bearerToken, matchesSecret } from "@/lib/auth/secret-comparison";
import { LlmError } from "@/lib/llm/unified/llm-error";
import { OwnTokenCache } from "@/lib/pool/bring-your-own-token";

/**
 * The API key of a request: `x-api-key` (Anthropic style) or `Authorization: Bearer KEY` (OpenAI
 * style, scheme case-insensitive). Undefined when neither is present.
 */
export function extractApiKey(headers: Headers): string | undefined {
  return headers.get("x-api-key")?.trim() || bearerToken(headers);
}

/**
 * Who a request is: the proxy key (the whole pool), or the proxy key with the client's own Kiro
 * refresh token after its first colon (`PROXY_API_KEY:REFRESH_TOKEN`, spec §5.2). `keyLabel` names
 * the key in records without revealing it.
 */
export type RequestIdentity = { kind: "proxy"; keyLabel: "proxy" } | { kind: "own-token"; keyLabel: string; refreshToken: string };

/**
 * Checks the request's key against `PROXY_API_KEY` in constant time (both sides hashed first, so
 * lengths leak nothing either).
 * @throws LlmError `authentication` (401) when the key is missing or wrong.
 */
export function authenticateRequest(headers: Headers, proxyApiKey: string): RequestIdentity {
  const key = extractApiKey(headers);
  if (!key) {
    throw new LlmError("authentication", "Missing API key: send it as 'x-api-key: KEY' or 'Authorization: Bearer KEY'.");
  }
  if (matchesSecret(key, proxyApiKey)) return { kind: "proxy", keyLabel: "proxy" };
  const colon = key.indexOf(":");
  // Refresh tokens may contain colons, so only the first one separates the two parts.
  if (colon > 0 && !proxyApiKey.includes(":") && matchesSecret(key.slice(0, colon), proxyApiKey)) {
    const refreshToken = key.slice(colon + 1).trim();
    if (!refreshToken) throw new LlmError("authentication", "The key has no refresh token after its colon.");
    return { kind: "own-token", keyLabel: OwnTokenCache.label(refreshToken), refreshToken };
  }
  throw new LlmError("authentication", "Invalid API key.");
}
