import { createHash, randomBytes } from "node:crypto";

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const keyLength = 48;
const userKeyPattern = /^sk-[A-Za-z0-9]{48}$/;

/**
 * A new user API key: `sk-` and 48 random letters and digits (about 285 bits), its SHA-256 (hex,
 * the only form stored; a key this random needs no slow hash) and a display form (`sk-AbCd…wXyZ`: the first 4 and last 4 characters).
 */
export function generateApiKey(): { key: string; keyHash: string; displayPrefix: string } {
  let body = "";
  while (body.length < keyLength) {
    for (const byte of randomBytes(64)) {
      // 248 = 4 × 62: rejecting larger bytes keeps every character equally likely.
      if (byte < 248 && body.length < keyLength) body += alphabet[byte % 62];
    }
  }
  const key = `sk-${body}`;
  return { key, keyHash: hashApiKey(key), displayPrefix: `${key.slice(0, 7)}…${key.slice(-4)}` };
}

/** SHA-256 hex of a key, as stored. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Whether a string has the shape of a user key (checked before any database lookup). */
export function looksLikeUserKey(key: string): boolean {
  return userKeyPattern.test(key);
}
