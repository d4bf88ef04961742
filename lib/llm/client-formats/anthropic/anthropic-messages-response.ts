import type { UnifiedResponse } from "../../unified/stream-part";
import { parseToolArguments } from "../../unified/parse-tool-arguments";
import { toAnthropicUsage } from "./anthropic-usage";
import { mapAnthropicStopReason } from "./map-anthropic-stop-reason";

/**
 * A whole Messages response object (docs.anthropic.com/en/api/messages): thinking, text and
 * tool_use blocks in that order, empty text omitted.
 */
export function toAnthropicMessage(response: UnifiedResponse, identity: { id: string; model: string }) {
  const content: Record<string, unknown>[] = [];
  if (response.reasoning || response.reasoningSignature) {
    content.push({ type: "thinking", thinking: response.reasoning, signature: response.reasoningSignature ?? "" });
  }
  if (response.text) content.push({ type: "text", text: response.text });
  for (const call of response.toolCalls) {
    content.push({ type: "tool_use", id: call.id, name: call.toolName, input: parseToolArguments(call.arguments) });
  }
  return {
    id: identity.id,
    type: "message",
    role: "assistant",
    model: identity.model,
    content,
    stop_reason: mapAnthropicStopReason(response.finishReason, response.stopSequence),
    stop_sequence: response.stopSequence ?? null,
    usage: toAnthropicUsage(response.usage),
  };
}
