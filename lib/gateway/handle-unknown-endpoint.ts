import { randomUUID } from "node:crypto";
import { toAnthropicError } from "@/lib/llm/client-formats/anthropic/anthropic-error-body";
import { toOpenAIError } from "@/lib/llm/client-formats/openai/openai-error-body";
import { LlmError } from "@/lib/llm/unified/llm-error";
import { errorResponse } from "./run-chat";

/**
 * A 404 in the caller's dialect for `/v1` paths the gateway does not serve, so SDKs report a clear
 * error instead of failing to parse an HTML page. Anthropic clients are recognised by
 * `anthropic-version` or `x-api-key`.
 */
export async function handleUnknownEndpoint(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  const isAnthropic = request.headers.has("anthropic-version") || request.headers.has("x-api-key");
  const error = new LlmError("not_found", `Unknown endpoint: ${request.method} ${path}. This gateway serves /v1/chat/completions, /v1/messages, /v1/messages/count_tokens and /v1/models.`);
  return errorResponse({ errorBody: isAnthropic ? toAnthropicError : toOpenAIError }, error, randomUUID());
}
