import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseKiroCredentialsJson, readKiroCredentialsFile } from "./kiro-credentials-file";

describe("parseKiroCredentialsJson", () => {
  it("reads the Kiro IDE token file", () => {
    const { credentials, errors } = parseKiroCredentialsJson({
      accessToken: "a",
      refreshToken: "r",
      expiresAt: "2026-01-01T00:00:00.000Z",
      profileArn: "arn:x",
      region: "us-east-1",
      authMethod: "social",
    });
    expect(errors).toEqual([]);
    expect(credentials).toEqual([
      {
        refreshToken: "r",
        accessToken: "a",
        expiresAt: Date.parse("2026-01-01T00:00:00.000Z"),
        profileArn: "arn:x",
        region: "us-east-1",
        clientId: undefined,
        clientSecret: undefined,
        clientIdHash: undefined,
        machineId: undefined,
        name: undefined,
        position: 0,
        jsonPath: "$",
      },
    ]);
  });

  it("reads arrays, snake_case, nested credentials and account lists, reporting entries without a token", () => {
    const { credentials, errors } = parseKiroCredentialsJson({
      accounts: [
        { refresh_token: "r1", client_id: "c1", client_secret: "s1", region: "us-east-2" },
        { email: "x@example.com", credentials: { refreshToken: "r2" } },
        { note: "nothing here" },
        "r3",
      ],
    });
    expect(credentials.map((credential) => [credential.refreshToken, credential.clientId, credential.region, credential.name])).toEqual([
      ["r1", "c1", "us-east-2", undefined],
      ["r2", undefined, undefined, "x@example.com"],
      ["r3", undefined, undefined, undefined],
    ]);
    expect(errors).toEqual(["$.accounts[2]: missing refreshToken"]);
    expect(credentials.map((credential) => [credential.position, credential.jsonPath])).toEqual([
      [0, "$.accounts[0]"],
      [1, "$.accounts[1]"],
      [3, "$.accounts[3]"],
    ]);
  });

  it("keeps each entry's position in the input, counting the entries it refused", () => {
    const { credentials, errors } = parseKiroCredentialsJson([{ foo: 1 }, { refreshToken: "bad region", region: "x" }, { refreshToken: "idx-SECRET" }, { refreshToken: "invalid-idx-SECRET" }]);
    expect(credentials.map((credential) => [credential.refreshToken, credential.position, credential.jsonPath])).toEqual([
      ["idx-SECRET", 2, "$[2]"],
      ["invalid-idx-SECRET", 3, "$[3]"],
    ]);
    expect(errors.map((error) => error.split(":")[0])).toEqual(["$[0]", "$[1]"]);
  });

  it("refuses a client id without its secret, and the reverse, rather than storing a social login", () => {
    const { credentials, errors } = parseKiroCredentialsJson([
      { refreshToken: "id-only", clientId: "cid" },
      { refreshToken: "secret-only", clientSecret: "csecret" },
      { refreshToken: "both", clientId: "cid", clientSecret: "csecret" },
    ]);
    expect(credentials.map((credential) => credential.refreshToken)).toEqual(["both"]);
    expect(errors).toEqual([
      "$[0]: clientId without clientSecret: an AWS Builder ID / IdC login needs both",
      "$[1]: clientSecret without clientId: an AWS Builder ID / IdC login needs both",
    ]);
  });
});

describe("readKiroCredentialsFile", () => {
  it("loads an IdC client registration named by clientIdHash from the same folder", async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), "kirogate-creds-"));
    await fs.writeFile(path.join(folder, "kiro-auth-token.json"), JSON.stringify({ refreshToken: "r", clientIdHash: "abc123", region: "eu-west-1" }));
    await fs.writeFile(path.join(folder, "abc123.json"), JSON.stringify({ clientId: "cid", clientSecret: "csecret" }));
    const file = await readKiroCredentialsFile(path.join(folder, "kiro-auth-token.json"));
    expect(file.credentials[0]).toMatchObject({ refreshToken: "r", clientId: "cid", clientSecret: "csecret", region: "eu-west-1" });
  });

  it("names the file when it cannot be read or parsed", async () => {
    await expect(readKiroCredentialsFile("/nonexistent/kiro.json")).rejects.toThrow(/\/nonexistent\/kiro.json cannot be read/);
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), "kirogate-creds-"));
    await fs.writeFile(path.join(folder, "bad.json"), "{not json");
    await expect(readKiroCredentialsFile(path.join(folder, "bad.json"))).rejects.toThrow(/is not valid JSON/);
  });
});

describe("refusing credentials that could steer requests elsewhere", () => {
  it("reports a region that is not an AWS region name, and oversized or malformed secrets", () => {
    const parsed = parseKiroCredentialsJson([
      { refreshToken: "good", region: "eu-central-1" },
      { refreshToken: "t1", region: "us-east-1@evil.example" },
      { refreshToken: "t2", region: "x@127.0.0.1:9414/" },
      { refreshToken: "t3", region: "../../etc" },
      { refreshToken: "x".repeat(9000) },
      { refreshToken: "has space" },
      { refreshToken: "t4", clientId: "id", clientSecret: "line\nbreak" },
    ]);
    expect(parsed.credentials.map((credential) => credential.refreshToken)).toEqual(["good"]);
    expect(parsed.errors).toEqual([
      expect.stringMatching(/^\$\[1\]: region 'us-east-1@evil.example' is not an AWS region/),
      expect.stringMatching(/^\$\[2\]: region/),
      expect.stringMatching(/^\$\[3\]: region/),
      "$[4]: refreshToken is longer than 8192 characters",
      "$[5]: refreshToken contains spaces or control characters",
      "$[6]: clientSecret contains spaces or control characters",
    ]);
  });
});
