import type { z } from "zod";
import { invalidRequest, type LlmError } from "./llm-error";

/**
 * A 400 for a failed request validation: one readable sentence naming the field
 * (`messages.0.content: expected string or array`), with the field's path as OpenAI's `param`.
 * Never echoes request content.
 */
export function validationError(error: z.ZodError): LlmError {
  const issue = error.issues[0];
  if (!issue) return invalidRequest("Invalid request body.");
  const path = issue.path.map(String).join(".");
  return invalidRequest(`${path || "body"}: ${issue.message}`, path ? { param: path } : {});
}
