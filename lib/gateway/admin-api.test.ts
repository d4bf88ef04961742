import { describe, expect, it, vi } from "vitest";
import { parseCredentialInput } from "./admin-api";

// The route guards pull in Auth.js, which needs Next's runtime; these tests need only ApiError.
vi.mock("./route-guards", () => ({
  ApiError: class ApiError extends Error {
    constructor(
      readonly status: number,
      message: string,
    ) {
      super(message);
      this.name = "ApiError";
    }
  },
}));

describe("parseCredentialInput", () => {
  it("refuses an entry whose name is not one line of at most 200 characters, keeping the others", () => {
    const parsed = parseCredentialInput([
      { refreshToken: "two-lines", name: "first\nsecond" },
      { refreshToken: "too-long", name: "n".repeat(6000) },
      { refreshToken: "fine", name: "work account" },
    ]);
    expect(parsed.credentials.map((credential) => [credential.refreshToken, credential.position])).toEqual([["fine", 2]]);
    expect(parsed.errors).toEqual(["$[0]: name must be one line without control characters", "$[1]: name must be at most 200 characters"]);
    // A user's donation allows 100, as their own renaming does; with nothing usable left the request is refused.
    expect(() => parseCredentialInput({ refreshToken: "t", name: "n".repeat(150) }, { maximumNameLength: 100 })).toThrow(/\$: name must be at most 100 characters/);
  });

  it("answers 400 for a client id without its secret (or the reverse), as the environment does", () => {
    expect(() => parseCredentialInput({ refreshToken: "t", clientId: "cid" })).toThrow(/clientId without clientSecret/);
    expect(() => parseCredentialInput({ refreshToken: "t", client_secret: "s" })).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => parseCredentialInput({ refreshToken: "t", clientIdHash: "abc" })).toThrow(/clientIdHash/);
  });
});
