import type { UnifiedFinishReason } from "../../unified/stream-part";

/** OpenAI `finish_reason` for a unified finish reason (platform.openai.com/docs/api-reference/chat/object). */
export function mapOpenAIFinishReason(reason: UnifiedFinishReason): "stop" | "length" | "tool_calls" {
  switch (reason) {
    case "tool-calls":
      return "tool_calls";
    case "length":
      return "length";
    default:
      return "stop";
  }
}
