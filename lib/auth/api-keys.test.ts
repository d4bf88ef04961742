import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, looksLikeUserKey } from "./api-keys";

describe("user API keys", () => {
  it("are sk- and 48 letters and digits, different every time, stored as their SHA-256 with a short display form", () => {
    const keys = Array.from({ length: 200 }, () => generateApiKey());
    for (const { key, keyHash, displayPrefix } of keys) {
      expect(key).toMatch(/^sk-[A-Za-z0-9]{48}$/);
      expect(looksLikeUserKey(key)).toBe(true);
      expect(keyHash).toBe(createHash("sha256").update(key).digest("hex"));
      expect(hashApiKey(key)).toBe(keyHash);
      expect(displayPrefix).toBe(`${key.slice(0, 7)}…${key.slice(-4)}`);
    }
    expect(new Set(keys.map((entry) => entry.key)).size).toBe(200);
    // Every character of the alphabet turns up: the rejection sampling does not skew to a subset.
    expect(new Set(keys.flatMap((entry) => [...entry.key.slice(3)])).size).toBe(62);
  });

  it("recognise only the exact shape", () => {
    for (const key of ["sk-short", `sk-${"a".repeat(47)}-`, `sk-${"a".repeat(49)}`, `pk-${"a".repeat(48)}`, "sk-kirogate-proxy"]) expect(looksLikeUserKey(key)).toBe(false);
  });
});
