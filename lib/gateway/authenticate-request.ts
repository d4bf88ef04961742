import { createHash, timingSafeEqual } from "node:crypto";
import { LlmError } from "@/lib/llm/unified/llm-error";

/**
 * The API key of a request: `x-api-key` (Anthropic style) or `Authorization: Bearer KEY` (OpenAI
 * style, scheme case-insensitive). Undefined when neither is present.
 */
export function extractApiKey(headers: Headers): string | undefined {
  const apiKey = headers.get("x-api-key")?.trim();
  if (apiKey) return apiKey;
  const match = /^Bearer\s+(.+)$/i.exec(headers.get("authorization")?.trim() ?? "");
  return match?.[1].trim() || undefined;
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/**
 * Checks the request's key against `PROXY_API_KEY` in constant time (both sides hashed first, so
 * lengths leak nothing either).
 * @throws LlmError `authentication` (401) when the key is missing or wrong.
 */
export function authenticateRequest(headers: Headers, proxyApiKey: string): void {
  const key = extractApiKey(headers);
  if (!key) {
    throw new LlmError("authentication", "Missing API key: send it as 'x-api-key: KEY' or 'Authorization: Bearer KEY'.");
  }
  if (!timingSafeEqual(digest(key), digest(proxyApiKey))) {
    throw new LlmError("authentication", "Invalid API key.");
  }
}
