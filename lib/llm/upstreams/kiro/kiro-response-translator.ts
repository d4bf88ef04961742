import { contextLengthError, LlmError } from "../../unified/llm-error";
import type { StreamPart, UnifiedFinishReason, UnifiedUsage } from "../../unified/stream-part";
import { estimateTextTokens } from "../../unified/token-estimate";
import type { ThinkingSigner } from "../../unified/thinking-signature";
import type { KiroStreamMessage } from "./kiro-event-stream-decoder";
import { KiroThinkingParser } from "./kiro-thinking-parser";
import type { KiroToolNames } from "./kiro-tool-names";

/** What the translator needs to know about the request it is answering. */
export type KiroResponseTranslatorOptions = {
  toolNames: KiroToolNames;
  /** Context window of the model used, in tokens (converts `contextUsagePercentage` into tokens). */
  contextWindowTokens: number;
  /** Local estimate of the request's input tokens, used when Kiro reports no context usage. */
  estimatedInputTokens: number;
  /**
   * Set when thinking was requested: `<thinking>` text then becomes reasoning parts closed by a
   * signature from `signer`. With `omitDisplay` the thinking text itself is not passed on (its
   * signature then covers the empty text the client sees).
   */
  thinking?: { signer: ThinkingSigner; omitDisplay: boolean };
};

type ToolCallState = { id: string; arguments: string; done: boolean };

/**
 * Turns decoded Kiro messages (spec §3.3–§3.4) into unified stream parts: text deltas, tool calls
 * (fragments joined per `toolUseId`, names mapped back to the client's), credits and context usage
 * into the final usage; `exception` and `error` frames into an error part, never a silent empty
 * answer; unknown events are ignored. A tool call the upstream did not complete (no `stop`, or
 * arguments that are not one JSON object) ends the turn with `length`, never as a tool call.
 */
export class KiroResponseTranslator {
  private readonly toolCalls = new Map<string, ToolCallState>();
  private outputText = "";
  private reasoningText = "";
  private reasoningOpen = false;
  private readonly thinkingParser: KiroThinkingParser | undefined;
  private credits: number | undefined;
  private contextUsagePercentage: number | undefined;
  private sawContent = false;
  private truncated = false;
  private ended = false;
  // Clients expect one tool call's events to be contiguous (an Anthropic block cannot interleave),
  // so while a call is open, parts of anything else wait here in arrival order.
  private openToolId: string | undefined;
  private held: StreamPart[] = [];
  // Set when an exception frame ends the response from inside the stream.
  private endedByUpstream: { kind: "finish" } | { kind: "error"; error: LlmError } | undefined;

  constructor(private readonly options: KiroResponseTranslatorOptions) {
    this.thinkingParser = options.thinking ? new KiroThinkingParser() : undefined;
  }

  /** True once any text or tool call has been produced. */
  get hasContent(): boolean {
    return this.sawContent;
  }

  /** Translates a batch of messages; returns the parts they produce, in order. */
  push(messages: KiroStreamMessage[]): StreamPart[] {
    const parts: StreamPart[] = [];
    for (const message of messages) {
      if (this.ended) break;
      const translated: StreamPart[] = [];
      this.translate(message, translated);
      for (const part of translated) this.emit(part, parts);
      const ending = this.endedByUpstream;
      if (ending) parts.push(...(ending.kind === "finish" ? this.finish() : this.fail(ending.error)));
    }
    return parts;
  }

  /** Ends the response normally: returns the `finish` part with the usage. */
  finish(): StreamPart[] {
    if (this.ended) return [];
    const tail: StreamPart[] = [];
    this.flushThinking(tail);
    this.ended = true;
    const parts = [...this.releaseHeld(), ...tail];
    let finishReason: UnifiedFinishReason = "stop";
    const calls = [...this.toolCalls.values()];
    if (this.truncated || calls.some((call) => !call.done)) finishReason = "length";
    else if (calls.length > 0) finishReason = "tool-calls";
    parts.push({ type: "finish", finishReason, usage: this.usage() });
    return parts;
  }

  /** Ends the response with an error part (upstream cut off, decode error, timeout). */
  fail(error: LlmError): StreamPart[] {
    if (this.ended) return [];
    const tail: StreamPart[] = [];
    this.flushThinking(tail);
    this.ended = true;
    const parts = [...this.releaseHeld(), ...tail];
    parts.push({ type: "error", error });
    return parts;
  }

  private emit(part: StreamPart, out: StreamPart[]): void {
    if (this.openToolId === undefined) {
      out.push(part);
      if (part.type === "tool-input-start") this.openToolId = part.id;
      return;
    }
    const belongsToOpenTool =
      (part.type === "tool-input-delta" || part.type === "tool-input-end") && part.id === this.openToolId;
    if (!belongsToOpenTool) {
      this.held.push(part);
      return;
    }
    out.push(part);
    if (part.type === "tool-input-end") {
      this.openToolId = undefined;
      const held = this.held;
      this.held = [];
      for (const waiting of held) this.emit(waiting, out);
    }
  }

  private releaseHeld(): StreamPart[] {
    const held = this.held;
    this.held = [];
    this.openToolId = undefined;
    return held;
  }

  /** Usage so far: input tokens from Kiro's context share when reported, else the estimate. */
  usage(): UnifiedUsage {
    const outputTokens = estimateTextTokens(this.outputText);
    const percentage = this.contextUsagePercentage;
    let inputTokens = this.options.estimatedInputTokens;
    let inputTokensSource: UnifiedUsage["inputTokensSource"] = "estimated";
    if (percentage !== undefined && percentage > 0) {
      const fromUpstream = Math.round((percentage / 100) * this.options.contextWindowTokens) - outputTokens;
      if (fromUpstream > 0) {
        inputTokens = fromUpstream;
        inputTokensSource = "upstream";
      }
    }
    return {
      inputTokens,
      outputTokens,
      inputTokensSource,
      ...(this.reasoningText ? { reasoningTokens: estimateTextTokens(this.reasoningText) } : {}),
      ...(this.credits !== undefined ? { credits: this.credits } : {}),
    };
  }

  private translate(message: KiroStreamMessage, parts: StreamPart[]): void {
    if (message.messageType === "exception" || message.messageType === "error") {
      this.translateFailure(message);
      return;
    }
    const payload = parsePayload(message.payload);
    if (!payload) return;
    switch (message.eventType) {
      case "assistantResponseEvent": {
        const content = typeof payload.content === "string" ? payload.content : "";
        if (!content) break;
        this.sawContent = true;
        this.outputText += content;
        if (!this.thinkingParser) {
          this.closeReasoning(parts);
          parts.push({ type: "text-delta", text: content });
          break;
        }
        for (const part of this.thinkingParser.push(content)) this.addThinkingPart(part, parts);
        break;
      }
      case "reasoningContentEvent": {
        // Kiro's native reasoning, when it sends it instead of tagged text.
        const text = typeof payload.text === "string" ? payload.text : "";
        if (text) {
          this.sawContent = true;
          this.outputText += text;
          this.addReasoning(text, parts);
        }
        break;
      }
      case "toolUseEvent":
        this.translateToolUse(payload, parts);
        break;
      case "meteringEvent":
        if (typeof payload.usage === "number" && Number.isFinite(payload.usage)) this.credits = payload.usage;
        break;
      case "contextUsageEvent":
        if (typeof payload.contextUsagePercentage === "number") this.contextUsagePercentage = payload.contextUsagePercentage;
        break;
      default:
        // followupPromptEvent, codeReferenceEvent, … carry nothing a client can use.
        break;
    }
  }

  private translateToolUse(payload: Record<string, unknown>, parts: StreamPart[]): void {
    const id = typeof payload.toolUseId === "string" ? payload.toolUseId : undefined;
    if (!id) return;
    let call = this.toolCalls.get(id);
    if (call?.done) return;
    if (!call) {
      const name = typeof payload.name === "string" ? payload.name : "";
      this.flushThinking(parts);
      call = { id, arguments: "", done: false };
      this.toolCalls.set(id, call);
      this.sawContent = true;
      parts.push({ type: "tool-input-start", id, toolName: this.options.toolNames.toClient(name) });
    }
    const input = payload.input;
    const fragment = typeof input === "string" ? input : input && typeof input === "object" ? JSON.stringify(input) : "";
    if (fragment) {
      call.arguments += fragment;
      this.outputText += fragment;
      parts.push({ type: "tool-input-delta", id, delta: fragment });
    }
    if (payload.stop === true) {
      call.done = true;
      if (call.arguments.trim() === "") {
        call.arguments = "{}";
        parts.push({ type: "tool-input-delta", id, delta: "{}" });
      } else if (!isJsonObject(call.arguments)) {
        // Kiro stops a call mid-arguments when it runs out of output budget.
        this.truncated = true;
      }
      parts.push({ type: "tool-input-end", id });
    }
  }

  private addThinkingPart(part: StreamPart | { type: "reasoning-close" }, parts: StreamPart[]): void {
    if (part.type === "reasoning-delta") this.addReasoning(part.text, parts);
    else if (part.type === "reasoning-close") this.closeReasoning(parts);
    else {
      this.closeReasoning(parts);
      parts.push(part as StreamPart);
    }
  }

  private addReasoning(text: string, parts: StreamPart[]): void {
    this.reasoningOpen = true;
    this.reasoningText += text;
    if (!this.options.thinking?.omitDisplay) parts.push({ type: "reasoning-delta", text });
  }

  /** Ends an open thinking block with the gateway's signature over the text the client saw. */
  private closeReasoning(parts: StreamPart[]): void {
    if (!this.reasoningOpen) return;
    this.reasoningOpen = false;
    const signer = this.options.thinking?.signer;
    if (!signer) return;
    parts.push({ type: "reasoning-end", signature: signer.sign(this.options.thinking?.omitDisplay ? "" : this.reasoningText) });
  }

  /** Releases text the thinking parser still holds and closes open thinking, before a tool call or the end. */
  private flushThinking(parts: StreamPart[]): void {
    if (this.thinkingParser) for (const part of this.thinkingParser.finish()) this.addThinkingPart(part, parts);
    this.closeReasoning(parts);
  }

  private translateFailure(message: KiroStreamMessage): void {
    const payload = parsePayload(message.payload);
    const upstreamMessage =
      (typeof payload?.message === "string" && payload.message) || message.payload.slice(0, 500) || "no message";
    const type = message.exceptionType ?? message.errorCode ?? "UnknownError";
    if (type === "ContentLengthExceededException" && this.sawContent) {
      // The answer outgrew the output budget: it ends as a length stop, keeping what was produced.
      this.truncated = true;
      this.endedByUpstream = { kind: "finish" };
      return;
    }
    this.endedByUpstream = {
      kind: "error",
      error: mapKiroException(type, upstreamMessage, { estimatedInputTokens: this.options.estimatedInputTokens, contextWindowTokens: this.options.contextWindowTokens }),
    };
  }
}

/**
 * Maps a Kiro exception type (`:exception-type` / `:error-code`) to a client-facing error. A prompt
 * Kiro finds too long is reported with the request's estimated size (at least one token over the
 * window, since Kiro's count is the one that matters). Sources: spec §3.1 and §3.3.
 */
export function mapKiroException(
  type: string,
  message: string,
  request: { estimatedInputTokens: number; contextWindowTokens: number },
): LlmError {
  const text = `Kiro ${type}: ${message}`;
  if (type === "ContentLengthExceededException" || /CONTENT_LENGTH_EXCEEDS_THRESHOLD|too long/i.test(message)) {
    return contextLengthError(Math.max(request.estimatedInputTokens, request.contextWindowTokens + 1), request.contextWindowTokens);
  }
  // Kiro names no wait; 5 s is the usual cooldown of a throttled account.
  if (/Throttling|TooManyRequests|ServiceQuotaExceeded/i.test(type)) {
    return new LlmError("rate_limit", text, { retryAfterSeconds: 5, code: "upstream_throttled" });
  }
  if (/Validation/i.test(type)) return new LlmError("invalid_request", text);
  if (/ServiceUnavailable|Overloaded/i.test(type)) return new LlmError("overloaded", text);
  return new LlmError("upstream_error", text);
}

function parsePayload(payload: string): Record<string, unknown> | undefined {
  if (!payload) return undefined;
  try {
    const value: unknown = JSON.parse(payload);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
