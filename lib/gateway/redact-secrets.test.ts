import { describe, expect, it } from "vitest";
import { configuredSecretValues, redactedJson } from "./redact-secrets";

const environment = {
  PROXY_API_KEY: "proxy-key-0123456789",
  ADMIN_API_KEY: "kga-admin-key-0123456789",
  ADMIN_PASSWORD: "operator-password-01",
  TOKEN_ENCRYPT_KEY: "encrypt-key-material-0123",
  AUTH_SECRET: "auth-secret-material-0123",
  CRON_SECRET: undefined,
};

describe("redactedJson", () => {
  it("redacts members named like credentials", () => {
    expect(JSON.parse(redactedJson({ refreshToken: "r", nested: { client_secret: "s", Authorization: "Bearer x" }, content: "fine" }))).toEqual({
      refreshToken: "[redacted]",
      nested: { client_secret: "[redacted]", Authorization: "[redacted]" },
      content: "fine",
    });
  });

  it("redacts configured secret values, own-token keys and sk- keys pasted into message text", () => {
    const secrets = configuredSecretValues(environment);
    const userKey = `sk-${"Ab1".repeat(16)}`;
    const body = {
      messages: [
        { role: "user", content: `my key is ${environment.PROXY_API_KEY}, admin ${environment.ADMIN_API_KEY} and password ${environment.ADMIN_PASSWORD}` },
        { role: "user", content: [{ type: "text", text: `byot: ${environment.PROXY_API_KEY}:aorAAAAAGhFakeRefresh:MGUCIQDx+/= and ${userKey}.` }] },
        { role: "user", content: `keys ${environment.TOKEN_ENCRYPT_KEY} ${environment.AUTH_SECRET}` },
      ],
    };
    const text = redactedJson(body, secrets);
    for (const secret of [...Object.values(environment).filter(Boolean), "aorAAAAAGhFakeRefresh", "MGUCIQDx", userKey]) expect(text).not.toContain(secret as string);
    expect(JSON.parse(text).messages[1].content[0].text).toBe("byot: [redacted] and [redacted].");
    expect(JSON.parse(text).messages[0].content).toBe("my key is [redacted], admin [redacted] and password [redacted]");
  });

  it("ignores unset and short secret values, and the CRON_SECRET only when set", () => {
    expect(configuredSecretValues({ ...environment, ADMIN_PASSWORD: "short", CRON_SECRET: "cron-secret-0123456789" })).toEqual([
      environment.PROXY_API_KEY,
      environment.ADMIN_API_KEY,
      environment.TOKEN_ENCRYPT_KEY,
      environment.AUTH_SECRET,
      "cron-secret-0123456789",
    ]);
    expect(redactedJson({ content: "a short word" }, ["short", "word"])).toBe('{"content":"a short word"}');
  });
});
