/**
 * Error kinds shared by both dialects; each dialect's error body maps them to its own `type`
 * vocabulary and HTTP status (OpenAI error object, Anthropic `{"type":"error","error":{…}}`).
 */
export type LlmErrorKind =
  | "invalid_request"
  | "authentication"
  | "permission"
  | "not_found"
  | "request_too_large"
  | "rate_limit"
  | "api_error"
  | "upstream_error"
  | "overloaded"
  | "unavailable"
  | "timeout";

const statusByKind: Record<LlmErrorKind, number> = {
  invalid_request: 400,
  authentication: 401,
  permission: 403,
  not_found: 404,
  request_too_large: 413,
  rate_limit: 429,
  api_error: 500,
  upstream_error: 502,
  overloaded: 529,
  unavailable: 503,
  timeout: 504,
};

/**
 * An error meant for the client: its message is safe to show (no secrets, no stack).
 * `status` is the HTTP status; `code` an optional machine-readable code (OpenAI `code`, e.g.
 * `context_length_exceeded`); `retryAfterSeconds` becomes a `Retry-After` header.
 */
export class LlmError extends Error {
  readonly kind: LlmErrorKind;
  readonly status: number;
  readonly code?: string;
  readonly param?: string;
  readonly retryAfterSeconds?: number;
  /** For `context_length_exceeded`: the prompt's size and the model's window, in tokens. */
  readonly contextLength?: { promptTokens: number; maximumTokens: number };

  constructor(
    kind: LlmErrorKind,
    message: string,
    options: {
      code?: string;
      param?: string;
      retryAfterSeconds?: number;
      status?: number;
      cause?: unknown;
      contextLength?: { promptTokens: number; maximumTokens: number };
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "LlmError";
    this.kind = kind;
    this.status = options.status ?? statusByKind[kind];
    this.code = options.code;
    this.param = options.param;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.contextLength = options.contextLength;
  }
}

/**
 * The error for a prompt larger than the model's context window, worded as Anthropic words it
 * ("prompt is too long: N tokens > M maximum"), which Claude Code acts on by compacting; the OpenAI
 * dialect rewords it with code `context_length_exceeded`.
 */
export function contextLengthError(promptTokens: number, maximumTokens: number): LlmError {
  return new LlmError("invalid_request", `prompt is too long: ${promptTokens} tokens > ${maximumTokens} maximum`, {
    code: "context_length_exceeded",
    param: "messages",
    contextLength: { promptTokens, maximumTokens },
  });
}

/** Shorthand for a 400 `invalid_request` error. */
export function invalidRequest(message: string, options: { code?: string; param?: string } = {}): LlmError {
  return new LlmError("invalid_request", message, options);
}
