import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether `candidate` equals `secret`, in constant time: both are hashed first, so neither their
 * content nor their lengths leak through timing.
 */
export function matchesSecret(candidate: string, secret: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(candidate), digest(secret));
}

/** The token of an `Authorization: Bearer TOKEN` header (scheme case-insensitive), or undefined. */
export function bearerToken(headers: Headers): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(headers.get("authorization")?.trim() ?? "")?.[1]?.trim() || undefined;
}
