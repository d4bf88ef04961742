import { randomUUID } from "node:crypto";
import { toAnthropicError } from "@/lib/llm/client-formats/anthropic/anthropic-error-body";
import { toOpenAIError } from "@/lib/llm/client-formats/openai/openai-error-body";
import { LlmError } from "@/lib/llm/unified/llm-error";
import { unservedMethodHandlers } from "./api-method-handlers";
import { errorResponse } from "./run-chat";

/**
 * The error shape a caller expects: the path's own dialect on `/v1/messages…` and
 * `/v1/chat/completions`; elsewhere Anthropic for requests with `anthropic-version` or `x-api-key`,
 * OpenAI's for everyone else.
 */
function dialectOf(request: Request) {
  const path = new URL(request.url).pathname;
  const isAnthropic = path.startsWith("/v1/messages")
    ? true
    : path.startsWith("/v1/chat/")
      ? false
      : request.headers.has("anthropic-version") || request.headers.has("x-api-key");
  return { errorBody: isAnthropic ? toAnthropicError : toOpenAIError };
}

/**
 * A 404 in the caller's dialect for `/v1` paths the gateway does not serve, so SDKs report a clear
 * error instead of failing to parse an HTML page.
 */
export async function handleUnknownEndpoint(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  const error = new LlmError(
    "not_found",
    `Unknown endpoint: ${request.method} ${path}. This gateway serves /v1/chat/completions, /v1/messages, /v1/messages/count_tokens and /v1/models.`,
  );
  return errorResponse(dialectOf(request), error, randomUUID());
}

/**
 * Handlers for every method a `/v1` route does not serve (see `unservedMethodHandlers`): a 405 in
 * the caller's dialect with `Allow`, and an `OPTIONS` that also answers CORS preflights
 * (next.config.ts adds the allowed origin to every /v1 response).
 * `served` lists the route's own methods, e.g. `["POST"]`; a served GET implies HEAD.
 */
export function otherMethodHandlers(served: readonly ("GET" | "POST")[]) {
  return unservedMethodHandlers(served, {
    refuse(request, allowed, message) {
      const response = errorResponse(dialectOf(request), new LlmError("invalid_request", message, { status: 405 }), randomUUID());
      response.headers.set("allow", allowed);
      return response;
    },
    preflightHeaders: (request, allowed) => ({
      "access-control-allow-methods": allowed,
      "access-control-allow-headers": request.headers.get("access-control-request-headers") ?? "authorization, x-api-key, content-type, anthropic-version, anthropic-beta",
      "access-control-max-age": "600",
    }),
  });
}
