import type { UnifiedResponse } from "../../unified/stream-part";
import { mapOpenAIFinishReason } from "./map-openai-finish-reason";
import { toOpenAIUsage } from "./openai-chat-usage";

/**
 * A whole `chat.completion` object (platform.openai.com/docs/api-reference/chat/object): `content`
 * is null when the turn is only tool calls, `tool_calls` appears only when there are some, and
 * thinking goes to `reasoning_content`.
 */
export function toOpenAIChatCompletion(response: UnifiedResponse, identity: { id: string; created: number; model: string }) {
  const message: Record<string, unknown> = {
    role: "assistant",
    content: response.text || (response.toolCalls.length ? null : ""),
    refusal: null,
    annotations: [],
  };
  if (response.reasoning) message.reasoning_content = response.reasoning;
  if (response.toolCalls.length) {
    message.tool_calls = response.toolCalls.map((call) => ({
      id: call.id,
      type: "function",
      function: { name: call.toolName, arguments: call.arguments },
    }));
  }
  return {
    id: identity.id,
    object: "chat.completion",
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: mapOpenAIFinishReason(response.finishReason) }],
    usage: toOpenAIUsage(response.usage),
  };
}
