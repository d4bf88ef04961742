import { describe, expect, it } from "vitest";
import { EnvironmentError, kiroApiBaseUrl, readEnvironment } from "./env";

const minimal = { PROXY_API_KEY: "sk-test-proxy-key", TOKEN_ENCRYPT_KEY: "a-long-enough-encryption-key", AUTH_SECRET: "a-long-enough-auth-secret" };

describe("readEnvironment", () => {
  it("applies the documented defaults and treats empty values as unset", () => {
    const environment = readEnvironment({ ...minimal, REFRESH_TOKEN: "", KIRO_API_BASE_URL: "  " });
    expect(environment).toMatchObject({
      PORT: 9000,
      DATABASE_URL: "file:./data/kirogate.db",
      KIRO_REGION: "us-east-1",
      FIRST_TOKEN_TIMEOUT: 60,
      STREAM_READ_TIMEOUT: 120,
      TOOL_DESCRIPTION_MAX_LENGTH: 10000,
    });
    expect(environment.REFRESH_TOKEN).toBeUndefined();
    expect(kiroApiBaseUrl(environment, "eu-central-1")).toBe("https://codewhisperer.eu-central-1.amazonaws.com");
  });

  it("names a missing required variable", () => {
    expect(() => readEnvironment({ TOKEN_ENCRYPT_KEY: minimal.TOKEN_ENCRYPT_KEY })).toThrow(EnvironmentError);
    expect(() => readEnvironment({ TOKEN_ENCRYPT_KEY: minimal.TOKEN_ENCRYPT_KEY })).toThrow(/PROXY_API_KEY: must be set/);
  });

  it("names malformed variables", () => {
    expect(() => readEnvironment({ ...minimal, FIRST_TOKEN_TIMEOUT: "soon" })).toThrow(/FIRST_TOKEN_TIMEOUT/);
    expect(() => readEnvironment({ ...minimal, KIRO_API_BASE_URL: "ftp://x" })).toThrow(/KIRO_API_BASE_URL/);
    expect(() => readEnvironment({ ...minimal, DATABASE_URL: "postgres://x" })).toThrow(/DATABASE_URL/);
    expect(() => readEnvironment({ ...minimal, KIRO_REGION: "moon" })).toThrow(/KIRO_REGION/);
  });

  it("refuses the original KiroGate's public default secrets", () => {
    expect(() => readEnvironment({ ...minimal, PROXY_API_KEY: "changeme_proxy_secret" })).toThrow(/PROXY_API_KEY: is a publicly known default/);
  });

  it("requires CLIENT_ID and CLIENT_SECRET together, with a refresh token", () => {
    expect(() => readEnvironment({ ...minimal, REFRESH_TOKEN: "r", CLIENT_ID: "id" })).toThrow(/CLIENT_SECRET/);
    expect(() => readEnvironment({ ...minimal, CLIENT_ID: "id", CLIENT_SECRET: "secret" })).toThrow(/REFRESH_TOKEN/);
  });

  it("strips a trailing slash from endpoint overrides", () => {
    expect(readEnvironment({ ...minimal, KIRO_API_BASE_URL: "http://127.0.0.1:9100/" }).KIRO_API_BASE_URL).toBe("http://127.0.0.1:9100");
  });
});
