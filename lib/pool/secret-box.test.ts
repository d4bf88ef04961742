import { describe, expect, it } from "vitest";
import { createSecretBox, hashSecret, SecretBoxError } from "./secret-box";

describe("createSecretBox", () => {
  const box = createSecretBox("correct horse battery staple");

  it("round-trips secrets and never stores them in clear", () => {
    const sealed = box.seal("refresh-token-value");
    expect(sealed).not.toContain("refresh-token-value");
    expect(sealed.startsWith(`v1.${box.keyId}.`)).toBe(true);
    expect(box.open(sealed)).toBe("refresh-token-value");
    expect(box.seal("refresh-token-value")).not.toBe(sealed);
  });

  it("names the key a secret was sealed under when the key changed", () => {
    const other = createSecretBox("another key entirely");
    expect(() => other.open(box.seal("x"))).toThrow(new SecretBoxError(`stored secret was encrypted under key ${box.keyId}, but TOKEN_ENCRYPT_KEY is key ${other.keyId}`));
  });

  it("detects tampering", () => {
    const parts = box.seal("secret").split(".");
    parts[3] = Buffer.from("forged").toString("base64url");
    expect(() => box.open(parts.join("."))).toThrow(/integrity/);
  });

  it("hashes secrets for duplicate detection", () => {
    expect(hashSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
