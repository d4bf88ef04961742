import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/**
 * One Kiro login read from a credentials JSON (spec §4.5): always a refresh token; for AWS Builder
 * ID / IdC also a client id and secret. `expiresAt` is epoch milliseconds.
 */
export type ParsedKiroCredential = {
  refreshToken: string;
  accessToken?: string;
  expiresAt?: number;
  profileArn?: string;
  region?: string;
  clientId?: string;
  clientSecret?: string;
  /** Kiro IDE IdC logins name their client registration file `<clientIdHash>.json` beside the token file. */
  clientIdHash?: string;
  machineId?: string;
  name?: string;
  /**
   * Where the entry stands in the input: its index among the entries read, in order, those that
   * could not be used included (for a plain array, its array index; for a single object, 0).
   */
  position: number;
  /** Where the entry is in the input JSON, as `errors` name it: `$`, `$[2]`, `$.accounts[0]`. */
  jsonPath: string;
};

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readString(object: JsonObject, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === "string" && value.trim()) return value.trim();
  }
  return undefined;
}

function readTime(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value < 1e12 ? value * 1000 : value;
  if (typeof value === "string" && value.trim()) {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

function readCredential(object: JsonObject): Omit<ParsedKiroCredential, "position" | "jsonPath"> | undefined {
  // Kiro Account Manager exports nest the secrets under `credentials`.
  const source = isObject(object.credentials) ? { ...object, ...object.credentials } : object;
  const refreshToken = readString(source, "refreshToken", "refresh_token");
  if (!refreshToken) return undefined;
  return {
    refreshToken,
    accessToken: readString(source, "accessToken", "access_token"),
    expiresAt: readTime(source.expiresAt ?? source.expires_at),
    profileArn: readString(source, "profileArn", "profile_arn"),
    region: readString(source, "region", "authRegion", "auth_region"),
    clientId: readString(source, "clientId", "client_id"),
    clientSecret: readString(source, "clientSecret", "client_secret"),
    clientIdHash: readString(source, "clientIdHash", "client_id_hash"),
    machineId: readString(source, "machineId", "machine_id"),
    name: readString(source, "name", "email", "label"),
  };
}

/** An AWS region name (`us-east-1`, `eu-central-1`); regions go into Kiro host names, so nothing else may. */
const awsRegionPattern = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** Longest secret accepted (characters); real Kiro tokens are a few hundred to two thousand. */
const maximumSecretLength = 8192;

/** Why a parsed credential cannot be used, or undefined when it can. */
function credentialProblem(credential: Omit<ParsedKiroCredential, "position" | "jsonPath">): string | undefined {
  if (credential.region !== undefined && !awsRegionPattern.test(credential.region)) return `region '${credential.region.slice(0, 40)}' is not an AWS region such as us-east-1`;
  // Half an IdC client would be stored as a social login, whose refresh goes to the wrong service.
  // A `clientIdHash` entry gets its client from its registration file (`readKiroCredentialsFile`).
  if (Boolean(credential.clientId) !== Boolean(credential.clientSecret) && !credential.clientIdHash) return halfClientProblem(credential);
  for (const [name, value] of Object.entries({ refreshToken: credential.refreshToken, accessToken: credential.accessToken, clientId: credential.clientId, clientSecret: credential.clientSecret })) {
    if (value === undefined) continue;
    if (value.length > maximumSecretLength) return `${name} is longer than ${maximumSecretLength} characters`;
    if (/[\s\u0000-\u001f\u007f]/.test(value)) return `${name} contains spaces or control characters`;
  }
  return undefined;
}

function halfClientProblem(credential: Pick<ParsedKiroCredential, "clientId">): string {
  return `${credential.clientId ? "clientId without clientSecret" : "clientSecret without clientId"}: an AWS Builder ID / IdC login needs both`;
}

/**
 * Reads every credential out of parsed JSON in the formats Kiro users have (spec §4.5): the Kiro
 * IDE token file, an AWS SSO cache entry, kiro.rs objects, Kiro Account Manager exports (nested
 * `credentials`), snake_case variants; one object, an array, or lists under `accounts`, `tokens` or
 * `data`; a bare string is a refresh token. Entries without a refresh token, with a region that is
 * not an AWS region name, with an oversized or malformed secret, or with a client id but no client
 * secret (or the reverse) are reported in `errors`, named by their JSON path. Each credential
 * keeps its `position` and `jsonPath` in the input.
 */
export function parseKiroCredentialsJson(value: unknown): { credentials: ParsedKiroCredential[]; errors: string[] } {
  const credentials: ParsedKiroCredential[] = [];
  const errors: string[] = [];
  let position = 0;
  const refuse = (where: string, problem: string) => {
    errors.push(`${where}: ${problem}`);
    position += 1;
  };
  const accept = (credential: Omit<ParsedKiroCredential, "position" | "jsonPath">, where: string) => {
    const problem = credentialProblem(credential);
    if (problem) return refuse(where, problem);
    credentials.push({ ...credential, position, jsonPath: where });
    position += 1;
  };
  const visit = (node: unknown, where: string) => {
    if (typeof node === "string") {
      if (node.trim()) accept({ refreshToken: node.trim() }, where);
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${where}[${index}]`));
      return;
    }
    if (!isObject(node)) return refuse(where, "not a credential object");
    const credential = readCredential(node);
    if (credential) return accept(credential, where);
    const lists = ["accounts", "tokens", "data"].filter((key) => Array.isArray(node[key]));
    if (lists.length) {
      for (const key of lists) visit(node[key], `${where}.${key}`);
      return;
    }
    refuse(where, "missing refreshToken");
  };
  visit(value, "$");
  return { credentials, errors };
}

/**
 * Reads a Kiro credentials file (`~` expanded). For IdC logins that only name a `clientIdHash`, the
 * client id and secret are loaded from `<clientIdHash>.json` in the same folder, as the Kiro IDE
 * stores them in `~/.aws/sso/cache`.
 * @throws Error naming the path when the file cannot be read or is not JSON.
 */
export async function readKiroCredentialsFile(filePath: string): Promise<{ path: string; credentials: ParsedKiroCredential[]; errors: string[] }> {
  const resolved = path.resolve(filePath.replace(/^~(?=$|[\\/])/, os.homedir()));
  let text: string;
  try {
    text = await fs.readFile(resolved, "utf8");
  } catch (error) {
    throw new Error(`KIRO_CREDS_FILE ${resolved} cannot be read: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`KIRO_CREDS_FILE ${resolved} is not valid JSON`);
  }
  const parsed = parseKiroCredentialsJson(json);
  const usable: ParsedKiroCredential[] = [];
  for (const credential of parsed.credentials) {
    if (credential.clientIdHash && !(credential.clientId && credential.clientSecret)) {
      try {
        const registration = JSON.parse(await fs.readFile(path.join(path.dirname(resolved), `${credential.clientIdHash}.json`), "utf8"));
        if (isObject(registration)) {
          credential.clientId ??= readString(registration, "clientId", "client_id");
          credential.clientSecret ??= readString(registration, "clientSecret", "client_secret");
        }
      } catch {
        parsed.errors.push(`client registration ${credential.clientIdHash}.json not found beside ${resolved}`);
      }
    }
    if (Boolean(credential.clientId) !== Boolean(credential.clientSecret)) parsed.errors.push(`${credential.jsonPath}: ${halfClientProblem(credential)}`);
    else usable.push(credential);
  }
  return { path: resolved, credentials: usable, errors: parsed.errors };
}
