import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

/**
 * Seals and opens secrets at rest (refresh tokens, client secrets, access tokens) with AES-256-GCM.
 * The 256-bit key is derived from `TOKEN_ENCRYPT_KEY` with HKDF-SHA-256, and every ciphertext names
 * the key it was sealed under (`keyId`), so a rotated key is detected instead of yielding garbage.
 * Format: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts, 12-byte IV, 16-byte tag).
 */
export type SecretBox = {
  /** First 12 hex characters of a hash of the derived key; safe to store and show. */
  keyId: string;
  seal(plaintext: string): string;
  /** @throws SecretBoxError when the ciphertext is malformed, sealed under another key, or tampered with. */
  open(sealed: string): string;
};

/** Thrown when a stored secret cannot be opened. The message never contains the secret. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

/** Creates the secret box for a `TOKEN_ENCRYPT_KEY` value. */
export function createSecretBox(encryptionKey: string): SecretBox {
  const key = Buffer.from(hkdfSync("sha256", encryptionKey, "kirogate", "credential-secrets-v1", 32));
  const keyId = createHash("sha256").update(key).update("key-id").digest("hex").slice(0, 12);
  return {
    keyId,
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return ["v1", keyId, iv.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
    },
    open(sealed) {
      const [version, sealedKeyId, iv, ciphertext, tag] = sealed.split(".");
      if (version !== "v1" || !iv || ciphertext === undefined || !tag) throw new SecretBoxError("stored secret is malformed");
      if (sealedKeyId !== keyId) {
        throw new SecretBoxError(`stored secret was encrypted under key ${sealedKeyId}, but TOKEN_ENCRYPT_KEY is key ${keyId}`);
      }
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
      } catch {
        throw new SecretBoxError("stored secret failed its integrity check");
      }
    },
  };
}

/** SHA-256 hex of a secret: finds duplicate refresh tokens without decrypting anything. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
