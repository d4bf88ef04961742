import { anthropicMessagesRequestSchema } from "@/lib/llm/client-formats/anthropic/anthropic-messages-api";
import { toAnthropicError } from "@/lib/llm/client-formats/anthropic/anthropic-error-body";
import { toAnthropicMessage } from "@/lib/llm/client-formats/anthropic/anthropic-messages-response";
import { AnthropicMessagesStreamEncoder } from "@/lib/llm/client-formats/anthropic/anthropic-messages-stream-encoder";
import { convertAnthropicMessagesRequest } from "@/lib/llm/client-formats/anthropic/convert-anthropic-messages-request";
import { convertOpenAIChatRequest } from "@/lib/llm/client-formats/openai/convert-openai-chat-request";
import { openAIChatRequestSchema } from "@/lib/llm/client-formats/openai/openai-chat-api";
import { toOpenAIChatCompletion } from "@/lib/llm/client-formats/openai/openai-chat-response";
import { OpenAIChatStreamEncoder } from "@/lib/llm/client-formats/openai/openai-chat-stream-encoder";
import { toOpenAIError } from "@/lib/llm/client-formats/openai/openai-error-body";
import { validationError } from "@/lib/llm/unified/validation-error";
import { randomId } from "./random-id";
import type { ChatDialect } from "./run-chat";

/** The OpenAI Chat Completions dialect (`POST /v1/chat/completions`). */
export const openAIChatDialect: ChatDialect = {
  name: "openai",
  parse(body) {
    const result = openAIChatRequestSchema.safeParse(body);
    if (!result.success) throw validationError(result.error);
    return convertOpenAIChatRequest(result.data);
  },
  newResponseId: () => randomId("chatcmpl-", 29),
  errorBody: toOpenAIError,
  createStreamEncoder(context) {
    const encoder = new OpenAIChatStreamEncoder(context);
    return { start: () => "", encode: (parts) => encoder.encode(parts), keepAlive: () => encoder.keepAlive() };
  },
  toResponseBody: (response, context) => toOpenAIChatCompletion(response, context),
};

/** The Anthropic Messages dialect (`POST /v1/messages`, with or without `?beta=true`). */
export const anthropicMessagesDialect: ChatDialect = {
  name: "anthropic",
  parse(body) {
    const result = anthropicMessagesRequestSchema.safeParse(body);
    if (!result.success) throw validationError(result.error);
    return { request: convertAnthropicMessagesRequest(result.data), includeUsage: true };
  },
  newResponseId: () => randomId("msg_01", 22),
  errorBody: toAnthropicError,
  createStreamEncoder(context) {
    const encoder = new AnthropicMessagesStreamEncoder(context);
    return { start: () => encoder.start(), encode: (parts) => encoder.encode(parts), keepAlive: () => encoder.keepAlive() };
  },
  toResponseBody: (response, context) => toAnthropicMessage(response, context),
};
