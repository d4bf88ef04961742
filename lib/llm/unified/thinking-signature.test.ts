import { describe, expect, it } from "vitest";
import { createThinkingSigner } from "./thinking-signature";

describe("createThinkingSigner", () => {
  it("verifies its own signatures and nothing else", () => {
    const signer = createThinkingSigner("secret one");
    const signature = signer.sign("I considered both options.");
    expect(signature.length).toBeGreaterThan(40);
    expect(signer.verify("I considered both options.", signature)).toBe(true);
    expect(signer.verify("I considered one option.", signature)).toBe(false);
    expect(createThinkingSigner("secret two").verify("I considered both options.", signature)).toBe(false);
    expect(signer.verify("x", "EqQBCkYIBRgCKkA-not-ours")).toBe(false);
    expect(signer.verify("x", "")).toBe(false);
  });
});
