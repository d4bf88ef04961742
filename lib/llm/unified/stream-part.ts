import type { LlmError } from "./llm-error";

/**
 * Why generation ended, in the unified vocabulary (after the AI SDK's): `stop` natural end or stop
 * sequence, `length` output budget or context exhausted, `tool-calls` the model is waiting for tool
 * results, `error` the upstream failed.
 */
export type UnifiedFinishReason = "stop" | "length" | "tool-calls" | "error";

/** Token and credit figures for one response. Tokens are counts; credits are Kiro credits (spec §3.3). */
export type UnifiedUsage = {
  inputTokens: number;
  outputTokens: number;
  /** Where `inputTokens` came from: Kiro's context-usage share, or the local estimator. */
  inputTokensSource: "upstream" | "estimated";
  /** The part of `outputTokens` spent thinking, when there was thinking. */
  reasoningTokens?: number;
  /** Kiro credits reported by `meteringEvent`, when it arrived. */
  credits?: number;
};

/**
 * One piece of a response as it streams, independent of client dialect. Text and reasoning arrive
 * as deltas; a tool call arrives as start, argument fragments, end (arguments then form one complete
 * JSON object); `finish` is always last unless `error` ends the stream.
 */
export type StreamPart =
  | { type: "text-delta"; text: string }
  | { type: "reasoning-delta"; text: string }
  | { type: "reasoning-end"; signature: string }
  | { type: "tool-input-start"; id: string; toolName: string }
  | { type: "tool-input-delta"; id: string; delta: string }
  | { type: "tool-input-end"; id: string }
  | { type: "finish"; finishReason: UnifiedFinishReason; usage: UnifiedUsage; stopSequence?: string }
  | { type: "error"; error: LlmError };

/** A finished tool call of a collected response; `input` is the parsed JSON object of its arguments. */
export type UnifiedToolCall = { id: string; toolName: string; arguments: string };

/** A whole response, collected from its stream parts (non-streaming requests). */
export type UnifiedResponse = {
  text: string;
  reasoning: string;
  reasoningSignature?: string;
  toolCalls: UnifiedToolCall[];
  finishReason: UnifiedFinishReason;
  stopSequence?: string;
  usage: UnifiedUsage;
};
