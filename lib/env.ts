import net from "node:net";
import { z } from "zod";

/**
 * The gateway's configuration, read once from the process environment (Next.js has already merged
 * `.env` underneath it, so variables set in the process win). Names follow the original KiroGate
 * wherever it had one (spec §6.17) so its users can move over.
 */
export type Environment = z.infer<typeof environmentSchema>;

/** Thrown when a variable is missing or malformed; the message names the variable. */
export class EnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvironmentError";
  }
}

// Secrets the original KiroGate shipped as defaults (spec §6.17, §8.5 #35); refusing them keeps a
// copied-over `.env` from running with publicly known values.
const knownPublicSecrets = new Set(["changeme_proxy_secret", "kirogate_token_encrypt_key_32b!", "admin123"]);

const emptyAsUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const optionalText = z.preprocess(emptyAsUndefined, z.string().trim().optional());

const secret = (minimumLength: number) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .string({ error: "must be set" })
      .min(minimumLength, `must be at least ${minimumLength} characters`)
      .refine((value) => !knownPublicSecrets.has(value), "is a publicly known default; generate a new value"),
  );

const optionalUrl = z.preprocess(
  emptyAsUndefined,
  z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .transform((value) => value.replace(/\/+$/, ""))
    .optional(),
);

const seconds = (defaultValue: number) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: "must be a number of seconds" }).positive("must be greater than 0").default(defaultValue),
  );

const environmentSchema = z
  .object({
    PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).default(9000)),
    PROXY_API_KEY: secret(8),
    DATABASE_URL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/)/, "must start with file:, libsql://, http(s):// or ws(s)://")
        .default("file:./data/kirogate.db"),
    ),
    DATABASE_AUTH_TOKEN: optionalText,
    KIRO_REGION: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "must be an AWS region such as us-east-1")
        .default("us-east-1"),
    ),
    KIRO_API_BASE_URL: optionalUrl,
    KIRO_SOCIAL_AUTH_BASE_URL: optionalUrl,
    KIRO_OIDC_BASE_URL: optionalUrl,
    REFRESH_TOKEN: optionalText,
    CLIENT_ID: optionalText,
    CLIENT_SECRET: optionalText,
    PROFILE_ARN: optionalText,
    KIRO_CREDS_FILE: optionalText,
    FORCE_MODEL: optionalText,
    FIRST_TOKEN_TIMEOUT: seconds(60),
    STREAM_READ_TIMEOUT: seconds(120),
    TOOL_DESCRIPTION_MAX_LENGTH: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(10000)),
    TOKEN_ALLOCATION_STRATEGY: z.preprocess(
      emptyAsUndefined,
      z.enum(["round_robin", "score_based", "sequential"], { error: "must be round_robin, score_based or sequential" }).default("round_robin"),
    ),
    MAX_CONCURRENT_PER_CREDENTIAL: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1, "must be at least 1").default(4)),
    MAX_RETRIES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(10).default(2)),
    RETRY_BUDGET: seconds(60),
    TOKEN_HEALTH_CHECK_INTERVAL: z.preprocess(emptyAsUndefined, z.coerce.number({ error: "must be a number of seconds" }).min(0).default(900)),
    CRON_SECRET: z.preprocess(emptyAsUndefined, z.string().min(16, "must be at least 16 characters").optional()),
    ADMIN_API_KEY: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .min(16, "must be at least 16 characters")
        .refine((value) => !knownPublicSecrets.has(value), "is a publicly known default; generate a new value")
        .optional(),
    ),
    DEBUG_MODE: z.preprocess(emptyAsUndefined, z.enum(["off", "errors", "all"], { error: "must be off, errors or all" }).default("off")),
    DEBUG_RETENTION_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().default(7)),
    IMAGE_URL_ALLOW_PRIVATE_NETWORKS: z.preprocess(
      emptyAsUndefined,
      z.enum(["true", "false"], { error: "must be true or false" }).default("false").transform((value) => value === "true"),
    ),
    TOKEN_ENCRYPT_KEY: secret(16),
    AUTH_SECRET: secret(16),
    GITHUB_CLIENT_ID: optionalText,
    GITHUB_CLIENT_SECRET: optionalText,
    GITHUB_REDIRECT_URI: optionalUrl,
    GITHUB_ENTERPRISE_URL: optionalUrl,
    ADMIN_GITHUB_LOGINS: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .optional()
        .transform((value) => (value ?? "").split(",").map((login) => login.trim().toLowerCase()).filter(Boolean)),
    ),
    COOKIE_SECURE: z.preprocess(emptyAsUndefined, z.enum(["auto", "true", "false"], { error: "must be auto, true or false" }).default("auto")),
    /** The gateway's public address for the docs page, share card and snippets (else taken from each request). */
    PUBLIC_BASE_URL: optionalUrl,
    /** Who sees PROXY_API_KEY itself on /docs: nobody, signed-in people, or everyone (the admin can change it). */
    DOCS_SHOW_PROXY_KEY: z.preprocess(emptyAsUndefined, z.enum(["off", "signed_in", "public"], { error: "must be off, signed_in or public" }).default("off")),
    /** The instance's name on pages and the share card. */
    SITE_NAME: z.preprocess(emptyAsUndefined, z.string().trim().max(60, "must be at most 60 characters").default("KiroGate")),
    TRUSTED_PROXIES: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .optional()
        .transform((value) => (value ?? "").split(",").map((entry) => entry.trim()).filter(Boolean)),
    ),
    ADMIN_PASSWORD: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .min(8, "must be at least 8 characters")
        .refine((value) => !knownPublicSecrets.has(value), "is a publicly known default; choose another")
        .optional(),
    ),
  })
  .superRefine((value, context) => {
    if (Boolean(value.CLIENT_ID) !== Boolean(value.CLIENT_SECRET)) {
      context.addIssue({
        code: "custom",
        path: [value.CLIENT_ID ? "CLIENT_SECRET" : "CLIENT_ID"],
        message: "CLIENT_ID and CLIENT_SECRET (an AWS Builder ID / IdC client) must be set together",
      });
    }
    if (Boolean(value.GITHUB_CLIENT_ID) !== Boolean(value.GITHUB_CLIENT_SECRET)) {
      context.addIssue({
        code: "custom",
        path: [value.GITHUB_CLIENT_ID ? "GITHUB_CLIENT_SECRET" : "GITHUB_CLIENT_ID"],
        message: "GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET (a GitHub OAuth app) must be set together",
      });
    }
    if (value.GITHUB_REDIRECT_URI && !/\/(oauth2\/github\/callback|api\/auth\/callback\/github)$/.test(new URL(value.GITHUB_REDIRECT_URI).pathname)) {
      context.addIssue({ code: "custom", path: ["GITHUB_REDIRECT_URI"], message: "must end in /oauth2/github/callback or /api/auth/callback/github" });
    }
    for (const entry of value.TRUSTED_PROXIES) {
      const [address, prefix] = entry.split("/");
      if (!net.isIP(address) || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) {
        context.addIssue({ code: "custom", path: ["TRUSTED_PROXIES"], message: `'${entry}' is not an IP address or CIDR range` });
      }
    }
    if (value.CLIENT_ID && !value.REFRESH_TOKEN) {
      context.addIssue({ code: "custom", path: ["REFRESH_TOKEN"], message: "must be set when CLIENT_ID is set" });
    }
  });

/**
 * Validates an environment map.
 * @param source variables to read, `process.env` by default.
 * @throws EnvironmentError naming every bad variable, e.g. `PROXY_API_KEY: must be set`.
 */
export function readEnvironment(source: Record<string, string | undefined> = process.env): Environment {
  const result = environmentSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`);
    throw new EnvironmentError(`Invalid configuration — ${problems.join("; ")}. See .env.example.`);
  }
  return result.data;
}

let cachedEnvironment: Environment | undefined;

/**
 * The validated environment of this process, read on first use and then cached.
 * @throws EnvironmentError when a variable is missing or malformed.
 */
export function getEnvironment(): Environment {
  cachedEnvironment ??= readEnvironment();
  return cachedEnvironment;
}

/** Kiro generation base URL for a region (spec §2.1), unless `KIRO_API_BASE_URL` overrides it. */
export function kiroApiBaseUrl(environment: Environment, region: string): string {
  return environment.KIRO_API_BASE_URL ?? `https://codewhisperer.${region}.amazonaws.com`;
}

/** Social (Kiro desktop) refresh base URL for a region (spec §4.2). */
export function kiroSocialAuthBaseUrl(environment: Environment, region: string): string {
  return environment.KIRO_SOCIAL_AUTH_BASE_URL ?? `https://prod.${region}.auth.desktop.kiro.dev`;
}

/** AWS SSO-OIDC base URL for the region where an IdC client was registered (spec §4.3). */
export function kiroOidcBaseUrl(environment: Environment, region: string): string {
  return environment.KIRO_OIDC_BASE_URL ?? `https://oidc.${region}.amazonaws.com`;
}
