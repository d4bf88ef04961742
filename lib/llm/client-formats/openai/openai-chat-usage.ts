import type { UnifiedUsage } from "../../unified/stream-part";

/**
 * OpenAI `usage` object for a response. Kiro reports no cache use, so cached tokens are 0; reasoning
 * tokens are part of the completion tokens (platform.openai.com/docs/api-reference/chat/object), so
 * they never exceed them.
 */
export function toOpenAIUsage(usage: UnifiedUsage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: Math.min(usage.reasoningTokens ?? 0, usage.outputTokens) },
  };
}
