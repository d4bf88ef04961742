import type { UnifiedFinishReason } from "../../unified/stream-part";

/** Anthropic `stop_reason` (docs.anthropic.com/en/api/messages): a matched stop sequence wins over `end_turn`. */
export function mapAnthropicStopReason(
  reason: UnifiedFinishReason,
  stopSequence?: string,
): "end_turn" | "max_tokens" | "tool_use" | "stop_sequence" {
  switch (reason) {
    case "tool-calls":
      return "tool_use";
    case "length":
      return "max_tokens";
    default:
      return stopSequence !== undefined ? "stop_sequence" : "end_turn";
  }
}
