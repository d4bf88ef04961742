import type { LlmError } from "./llm-error";
import type { StreamPart, UnifiedResponse, UnifiedToolCall } from "./stream-part";

/**
 * Gathers stream parts into one response for non-streaming requests, so both kinds of request run
 * the same pipeline.
 */
export class ResponseCollector {
  private text = "";
  private reasoning = "";
  private reasoningSignature: string | undefined;
  private readonly toolCalls = new Map<string, UnifiedToolCall>();
  private response: UnifiedResponse | undefined;
  private failure: LlmError | undefined;

  /** Adds a batch of parts. */
  add(parts: StreamPart[]): void {
    for (const part of parts) {
      switch (part.type) {
        case "text-delta":
          this.text += part.text;
          break;
        case "reasoning-delta":
          this.reasoning += part.text;
          break;
        case "reasoning-end":
          this.reasoningSignature = part.signature;
          break;
        case "tool-input-start":
          this.toolCalls.set(part.id, { id: part.id, toolName: part.toolName, arguments: "" });
          break;
        case "tool-input-delta": {
          const call = this.toolCalls.get(part.id);
          if (call) call.arguments += part.delta;
          break;
        }
        case "tool-input-end":
          break;
        case "finish":
          this.response = {
            text: this.text,
            reasoning: this.reasoning,
            reasoningSignature: this.reasoningSignature,
            toolCalls: [...this.toolCalls.values()],
            finishReason: part.finishReason,
            stopSequence: part.stopSequence,
            usage: part.usage,
          };
          break;
        case "error":
          this.failure = part.error;
          break;
      }
    }
  }

  /** True once a `finish` or `error` part has arrived. */
  get isComplete(): boolean {
    return this.response !== undefined || this.failure !== undefined;
  }

  /**
   * The collected response.
   * @throws LlmError when the stream ended with an error part, or Error when it has not finished.
   */
  result(): UnifiedResponse {
    if (this.failure) throw this.failure;
    if (!this.response) throw new Error("response stream has not finished");
    return this.response;
  }
}
