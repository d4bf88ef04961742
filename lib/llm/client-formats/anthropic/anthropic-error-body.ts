import type { LlmError, LlmErrorKind } from "../../unified/llm-error";

/** Anthropic's error body (docs.anthropic.com/en/api/errors). */
export type AnthropicErrorBody = { type: "error"; error: { type: string; message: string } };

const typeByKind: Record<LlmErrorKind, string> = {
  invalid_request: "invalid_request_error",
  authentication: "authentication_error",
  permission: "permission_error",
  not_found: "not_found_error",
  request_too_large: "request_too_large",
  rate_limit: "rate_limit_error",
  api_error: "api_error",
  upstream_error: "api_error",
  overloaded: "overloaded_error",
  unavailable: "api_error",
  timeout: "timeout_error",
};

/** The HTTP status and body of an error in the Anthropic dialect. */
export function toAnthropicError(error: LlmError): { status: number; body: AnthropicErrorBody } {
  return { status: error.status, body: { type: "error", error: { type: typeByKind[error.kind], message: error.message } } };
}
