import type { StreamPart, UnifiedUsage } from "./stream-part";
import { TokenCounter } from "./token-estimate";

/** The client switches Kiro has no upstream equivalent for, enforced on the response instead. */
export type ResponseShaperOptions = {
  /** Text stops before the first of these; the turn then ends with `stop` and the sequence named. */
  stopSequences: string[];
  /** Output budget in (estimated) tokens across thinking, text and tool arguments; reaching it ends the turn with `length`. */
  maxOutputTokens?: number;
  /** Drop every tool call (`tool_choice: none`). */
  suppressToolCalls: boolean;
  /** Keep only the first tool call (`parallel_tool_calls: false`, `disable_parallel_tool_use`). */
  singleToolCall: boolean;
  /** Hold all text and pass it through this once at the end (structured output clean-up). */
  finalizeText?: (text: string) => string;
  /** Usage so far (input figures) for a `finish` the shaper emits itself; its output tokens are what was delivered. */
  currentUsage: () => UnifiedUsage;
  /** Signs thinking text; a thinking block the budget cuts short still ends with a signature over what was delivered. */
  signThinking?: (thinking: string) => string;
};

/**
 * Applies stop sequences, the output budget, tool-choice limits and structured-output clean-up to a
 * stream of parts, so clients get the behaviour they asked for although Kiro cannot be told. When it
 * cuts a response short it emits the `finish` itself (and `ended` turns true, so the caller stops
 * reading upstream); later parts are dropped. Text that might be the start of a stop sequence is
 * held back until the next delta decides it.
 */
export class ResponseShaper {
  private readonly counter = new TokenCounter();
  /** The delivered share of `counter` that was thinking, so a cut turn never reports more reasoning than output. */
  private readonly reasoningCounter = new TokenCounter();
  private readonly longestStop: number;
  private pendingText = "";
  private heldText = "";
  private readonly suppressedIds = new Set<string>();
  private passedToolCalls = 0;
  private done = false;
  /** Thinking text delivered in the open thinking block, or undefined when none is open. */
  private openReasoningText: string | undefined;

  constructor(private readonly options: ResponseShaperOptions) {
    this.longestStop = Math.max(0, ...options.stopSequences.map((sequence) => sequence.length));
  }

  /** True once the shaper has ended the response early, or passed its `finish` or `error`. */
  get ended(): boolean {
    return this.done;
  }

  /** Shapes a batch of parts. */
  push(parts: StreamPart[]): StreamPart[] {
    const out: StreamPart[] = [];
    for (const part of parts) {
      if (this.done) break;
      this.shape(part, out);
    }
    return out;
  }

  private shape(part: StreamPart, out: StreamPart[]): void {
    switch (part.type) {
      case "text-delta":
        if (this.options.finalizeText) this.heldText += part.text;
        else this.addText(part.text, out);
        return;
      case "reasoning-delta":
        this.addBudgeted(
          part.text,
          out,
          (text) => {
            this.openReasoningText = (this.openReasoningText ?? "") + text;
            return { type: "reasoning-delta", text };
          },
          this.reasoningCounter,
        );
        return;
      case "reasoning-end":
        this.openReasoningText = undefined;
        out.push(part);
        return;
      case "tool-input-start":
        if (this.options.suppressToolCalls || (this.options.singleToolCall && this.passedToolCalls > 0)) {
          this.suppressedIds.add(part.id);
          return;
        }
        this.passedToolCalls += 1;
        this.flushPendingText(out);
        if (!this.done) out.push(part);
        return;
      case "tool-input-delta":
        if (!this.suppressedIds.has(part.id)) this.addBudgeted(part.delta, out, (delta) => ({ type: "tool-input-delta", id: part.id, delta }));
        return;
      case "tool-input-end":
        if (!this.suppressedIds.has(part.id)) out.push(part);
        return;
      case "finish": {
        this.flushPendingText(out);
        if (this.done) return;
        if (this.options.finalizeText && this.heldText) {
          const text = this.options.finalizeText(this.heldText);
          this.heldText = "";
          this.addText(text, out);
          this.flushPendingText(out);
          if (this.done) return;
        }
        const finishReason = part.finishReason === "tool-calls" && this.passedToolCalls === 0 ? "stop" : part.finishReason;
        out.push({ ...part, finishReason });
        this.done = true;
        return;
      }
      case "error":
        this.flushPendingText(out);
        out.push(part);
        this.done = true;
        return;
    }
  }

  private addText(text: string, out: StreamPart[]): void {
    if (this.longestStop === 0) {
      this.addBudgeted(text, out, (piece) => ({ type: "text-delta", text: piece }));
      return;
    }
    this.pendingText += text;
    let earliest: { index: number; sequence: string } | undefined;
    for (const sequence of this.options.stopSequences) {
      if (!sequence) continue;
      const index = this.pendingText.indexOf(sequence);
      if (index >= 0 && (!earliest || index < earliest.index)) earliest = { index, sequence };
    }
    if (earliest) {
      const before = this.pendingText.slice(0, earliest.index);
      this.pendingText = "";
      this.addBudgeted(before, out, (piece) => ({ type: "text-delta", text: piece }));
      if (!this.done) this.end(out, { finishReason: "stop", stopSequence: earliest.sequence });
      return;
    }
    // Everything except a tail that could still begin a stop sequence is safe to pass on.
    let safeLength = Math.max(0, this.pendingText.length - (this.longestStop - 1));
    if (safeLength > 0 && /[\uD800-\uDBFF]/.test(this.pendingText[safeLength - 1])) safeLength -= 1;
    const safe = this.pendingText.slice(0, safeLength);
    this.pendingText = this.pendingText.slice(safeLength);
    this.addBudgeted(safe, out, (piece) => ({ type: "text-delta", text: piece }));
  }

  private flushPendingText(out: StreamPart[]): void {
    if (!this.pendingText || this.done) return;
    const text = this.pendingText;
    this.pendingText = "";
    this.addBudgeted(text, out, (piece) => ({ type: "text-delta", text: piece }));
  }

  /** Passes `text` as far as the output budget allows; at the budget the turn ends with `length`. */
  private addBudgeted(text: string, out: StreamPart[], toPart: (text: string) => StreamPart, alsoCountIn?: TokenCounter): void {
    if (!text || this.done) return;
    const limit = this.options.maxOutputTokens;
    if (limit === undefined) {
      this.counter.add(text);
      alsoCountIn?.add(text);
      out.push(toPart(text));
      return;
    }
    const length = this.counter.lengthWithin(text, limit);
    const kept = text.slice(0, length);
    if (kept) {
      this.counter.add(kept);
      alsoCountIn?.add(kept);
      out.push(toPart(kept));
    }
    if (length < text.length) this.end(out, { finishReason: "length" });
  }

  private end(out: StreamPart[], cut: { finishReason: "stop" | "length"; stopSequence?: string }): void {
    this.done = true;
    if (this.openReasoningText !== undefined && this.options.signThinking) {
      // Clients send thinking back with its signature; a cut block must be as verifiable as a whole one.
      out.push({ type: "reasoning-end", signature: this.options.signThinking(this.openReasoningText) });
      this.openReasoningText = undefined;
    }
    out.push({
      type: "finish",
      finishReason: cut.finishReason,
      ...(cut.stopSequence !== undefined ? { stopSequence: cut.stopSequence } : {}),
      usage: this.deliveredUsage(),
    });
  }

  /** Usage of what reached the client: input figures as reported, output and reasoning as delivered. */
  private deliveredUsage(): UnifiedUsage {
    const usage: UnifiedUsage = { ...this.options.currentUsage(), outputTokens: this.counter.tokens };
    // Upstream counted thinking the client never received; count what it did receive.
    delete usage.reasoningTokens;
    const reasoningTokens = Math.min(this.reasoningCounter.tokens, this.counter.tokens);
    return reasoningTokens > 0 ? { ...usage, reasoningTokens } : usage;
  }
}

/** Strips a markdown code fence around a JSON reply (models add one although asked not to). */
export function stripJsonFence(text: string): string {
  const match = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(text);
  return match ? match[1] : text.trim();
}
