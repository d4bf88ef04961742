import type { Environment } from "@/lib/env";

// Members whose values are credentials wherever they appear in a body kept for debugging.
const secretKeyPattern = /^(authorization|x-api-key|api[-_]?key|access[-_]?token|refresh[-_]?token|id[-_]?token|client[-_]?secret|password|secret|token)$/i;
// API keys in the `sk-…` form (users' keys are `sk-` and 48 letters and digits; other vendors' look alike).
const apiKeyPattern = /\bsk-[A-Za-z0-9_-]{16,}/g;
// What may follow `PROXY_API_KEY:` in a bring-your-own-token key: the refresh token, up to white space or a delimiter.
const ownTokenSuffix = String.raw`(?::[^\s"'<>\\,;]+)?`;
/** Shortest configured secret value searched for inside text; shorter ones would redact ordinary words. */
export const minimumRedactedSecretLength = 8;
/** Longest body kept for debugging, characters; longer ones are cut with a note. */
export const maximumDebugBodyLength = 1_000_000;

/**
 * The configured secret values a debug body must never hold: `PROXY_API_KEY`, `ADMIN_API_KEY`,
 * `ADMIN_PASSWORD`, `TOKEN_ENCRYPT_KEY`, `AUTH_SECRET` and `CRON_SECRET`, those set and at least
 * `minimumRedactedSecretLength` characters long.
 */
export function configuredSecretValues(environment: Pick<Environment, "PROXY_API_KEY" | "ADMIN_API_KEY" | "ADMIN_PASSWORD" | "TOKEN_ENCRYPT_KEY" | "AUTH_SECRET" | "CRON_SECRET">): string[] {
  const values = [environment.PROXY_API_KEY, environment.ADMIN_API_KEY, environment.ADMIN_PASSWORD, environment.TOKEN_ENCRYPT_KEY, environment.AUTH_SECRET, environment.CRON_SECRET];
  return values.filter((value): value is string => typeof value === "string" && value.length >= minimumRedactedSecretLength);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A function replacing, inside a string, each of `secretValues` (and, after one, a `:REFRESH_TOKEN`
 * suffix, as in a `PROXY_API_KEY:REFRESH_TOKEN` key) and every `sk-…` key by `[redacted]`.
 * Values shorter than `minimumRedactedSecretLength` are ignored.
 */
export function secretTextRedactor(secretValues: readonly string[] = []): (text: string) => string {
  const values = [...new Set(secretValues.filter((value) => value.length >= minimumRedactedSecretLength))].sort((a, b) => b.length - a.length);
  const configured = values.length ? new RegExp(`(?:${values.map(escapeRegExp).join("|")})${ownTokenSuffix}`, "g") : undefined;
  return (text) => {
    const withoutConfigured = configured ? text.replace(configured, "[redacted]") : text;
    return withoutConfigured.replace(apiKeyPattern, "[redacted]");
  };
}

/**
 * JSON text of `value` for debug records: members named like credentials (`authorization`,
 * `refreshToken`, `client_secret`, …) replaced by `[redacted]`; inside every other string value
 * (message text included), each of `secretValues` (see `configuredSecretValues`; with a
 * `:REFRESH_TOKEN` that follows it) and every `sk-…` key replaced by `[redacted]`; the whole cut at
 * `maximumDebugBodyLength` characters.
 */
export function redactedJson(value: unknown, secretValues: readonly string[] = []): string {
  const redactText = secretTextRedactor(secretValues);
  const text = JSON.stringify(value, (key, member: unknown) => {
    if (key && secretKeyPattern.test(key) && member !== null && member !== "") return "[redacted]";
    return typeof member === "string" ? redactText(member) : member;
  });
  return text.length > maximumDebugBodyLength ? `${text.slice(0, maximumDebugBodyLength)}… [cut at ${maximumDebugBodyLength} characters]` : text;
}
