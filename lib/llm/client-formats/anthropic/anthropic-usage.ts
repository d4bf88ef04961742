import type { UnifiedUsage } from "../../unified/stream-part";

/** Anthropic `usage` object. Kiro has no prompt cache, so both cache figures are 0. */
export function toAnthropicUsage(usage: Pick<UnifiedUsage, "inputTokens" | "outputTokens">) {
  return {
    input_tokens: usage.inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: usage.outputTokens,
  };
}
