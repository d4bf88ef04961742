// Members whose values are credentials wherever they appear in a body kept for debugging.
const secretKeyPattern = /^(authorization|x-api-key|api[-_]?key|access[-_]?token|refresh[-_]?token|id[-_]?token|client[-_]?secret|password|secret|token)$/i;
/** Longest body kept for debugging, characters; longer ones are cut with a note. */
export const maximumDebugBodyLength = 1_000_000;

/**
 * JSON text of `value` for debug records: members named like credentials (`authorization`,
 * `refreshToken`, `client_secret`, …) replaced by `[redacted]`, and the whole cut at
 * `maximumDebugBodyLength`.
 */
export function redactedJson(value: unknown): string {
  const text = JSON.stringify(value, (key, member: unknown) => (key && secretKeyPattern.test(key) && member !== null && member !== "" ? "[redacted]" : member));
  return text.length > maximumDebugBodyLength ? `${text.slice(0, maximumDebugBodyLength)}… [cut at ${maximumDebugBodyLength} characters]` : text;
}
