import type { LlmError, LlmErrorKind } from "../../unified/llm-error";

/** OpenAI's error object (platform.openai.com/docs/guides/error-codes). */
export type OpenAIErrorBody = { error: { message: string; type: string; param: string | null; code: string | null } };

const typeByKind: Record<LlmErrorKind, string> = {
  invalid_request: "invalid_request_error",
  authentication: "invalid_request_error",
  permission: "permission_error",
  not_found: "invalid_request_error",
  request_too_large: "invalid_request_error",
  rate_limit: "rate_limit_error",
  api_error: "server_error",
  upstream_error: "server_error",
  overloaded: "server_error",
  unavailable: "server_error",
  timeout: "server_error",
};

const defaultCodeByKind: Partial<Record<LlmErrorKind, string>> = {
  authentication: "invalid_api_key",
  rate_limit: "rate_limit_exceeded",
  request_too_large: "request_too_large",
};

/**
 * The HTTP status and body of an error in the OpenAI dialect. OpenAI has no 529, so an overloaded
 * upstream is reported as 503.
 */
export function toOpenAIError(error: LlmError): { status: number; body: OpenAIErrorBody } {
  const context = error.contextLength;
  // OpenAI's own wording for an oversized prompt, which OpenAI clients recognise.
  const message = context
    ? `This model's maximum context length is ${context.maximumTokens} tokens. However, your messages resulted in ${context.promptTokens} tokens. Please reduce the length of the messages.`
    : error.message;
  return {
    status: error.status === 529 ? 503 : error.status,
    body: {
      error: {
        message,
        type: typeByKind[error.kind],
        param: error.param ?? null,
        code: error.code ?? defaultCodeByKind[error.kind] ?? null,
      },
    },
  };
}
