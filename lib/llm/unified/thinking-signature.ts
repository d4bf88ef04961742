import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/**
 * Signs the thinking blocks the gateway produces and checks signatures clients send back in
 * history. Kiro's thinking carries no provider signature, so the gateway issues its own: base64 of a
 * version byte and an HMAC-SHA-256 of the thinking text, under a key derived (HKDF) from the
 * gateway's secret. Clients treat it as opaque, as they do Anthropic's.
 */
export type ThinkingSigner = {
  sign(thinking: string): string;
  /** True only for a signature this gateway (with the same secret) gave exactly this text. */
  verify(thinking: string, signature: string): boolean;
};

const signatureVersion = 1;

/** A signer keyed by `secret` (the gateway uses `TOKEN_ENCRYPT_KEY`). */
export function createThinkingSigner(secret: string): ThinkingSigner {
  const key = Buffer.from(hkdfSync("sha256", secret, "kirogate", "thinking-signature-v1", 32));
  const mac = (thinking: string) => createHmac("sha256", key).update(thinking, "utf8").digest();
  return {
    sign(thinking) {
      return Buffer.concat([Buffer.from([signatureVersion]), mac(thinking)]).toString("base64");
    },
    verify(thinking, signature) {
      const bytes = Buffer.from(signature, "base64");
      if (bytes.length !== 33 || bytes[0] !== signatureVersion) return false;
      return timingSafeEqual(bytes.subarray(1), mac(thinking));
    },
  };
}
