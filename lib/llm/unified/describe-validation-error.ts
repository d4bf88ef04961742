import type { z } from "zod";

/**
 * One readable sentence for a failed request validation, naming the field:
 * `messages.0.content: expected string or array`. Never echoes request content.
 */
export function describeValidationError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "Invalid request body.";
  const path = issue.path.length ? issue.path.join(".") : "body";
  return `${path}: ${issue.message}`;
}
