import type { StreamPart } from "../../unified/stream-part";
import { toAnthropicError } from "./anthropic-error-body";
import { toAnthropicUsage } from "./anthropic-usage";
import { mapAnthropicStopReason } from "./map-anthropic-stop-reason";

/** Identity of the message and the input-token estimate announced in `message_start`. */
export type AnthropicStreamOptions = { id: string; model: string; estimatedInputTokens: number };

type OpenBlock = { kind: "text" | "thinking" | "tool_use"; id?: string };

/**
 * Encodes unified stream parts as Anthropic Messages server-sent events
 * (docs.anthropic.com/en/docs/build-with-claude/streaming): `message_start`, then per block
 * `content_block_start` / `content_block_delta` / `content_block_stop` with consecutive indices
 * (`text_delta`, `thinking_delta` then `signature_delta`, `input_json_delta`), `message_delta` with
 * the stop reason and usage, `message_stop`. An error becomes an `error` event and ends the stream.
 */
export class AnthropicMessagesStreamEncoder {
  private nextIndex = 0;
  private open: OpenBlock | undefined;

  constructor(private readonly options: AnthropicStreamOptions) {}

  /** The `message_start` event, sent once before any content. */
  start(): string {
    return event("message_start", {
      type: "message_start",
      message: {
        id: this.options.id,
        type: "message",
        role: "assistant",
        model: this.options.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: toAnthropicUsage({ inputTokens: this.options.estimatedInputTokens, outputTokens: 1 }),
      },
    });
  }

  /** A `ping` event, sent while the upstream is silent so proxies keep the connection. */
  keepAlive(): string {
    return event("ping", { type: "ping" });
  }

  /** Server-sent-event text for a batch of parts (may be empty). */
  encode(parts: StreamPart[]): string {
    let output = "";
    for (const part of parts) output += this.encodePart(part);
    return output;
  }

  private openBlock(kind: OpenBlock["kind"], contentBlock: Record<string, unknown>, id?: string): string {
    const output = this.closeBlock();
    this.open = { kind, id };
    return output + event("content_block_start", { type: "content_block_start", index: this.nextIndex, content_block: contentBlock });
  }

  private closeBlock(): string {
    if (!this.open) return "";
    this.open = undefined;
    const index = this.nextIndex;
    this.nextIndex += 1;
    return event("content_block_stop", { type: "content_block_stop", index });
  }

  private delta(delta: Record<string, unknown>): string {
    return event("content_block_delta", { type: "content_block_delta", index: this.nextIndex, delta });
  }

  private encodePart(part: StreamPart): string {
    switch (part.type) {
      case "text-delta": {
        const start = this.open?.kind === "text" ? "" : this.openBlock("text", { type: "text", text: "" });
        return start + this.delta({ type: "text_delta", text: part.text });
      }
      case "reasoning-delta": {
        const start = this.open?.kind === "thinking" ? "" : this.openBlock("thinking", { type: "thinking", thinking: "" });
        return start + this.delta({ type: "thinking_delta", thinking: part.text });
      }
      case "reasoning-end": {
        // With thinking display omitted the block has no text, only its signature.
        const start = this.open?.kind === "thinking" ? "" : this.openBlock("thinking", { type: "thinking", thinking: "" });
        return start + this.delta({ type: "signature_delta", signature: part.signature }) + this.closeBlock();
      }
      case "tool-input-start":
        return this.openBlock("tool_use", { type: "tool_use", id: part.id, name: part.toolName, input: {} }, part.id);
      case "tool-input-delta":
        if (this.open?.kind !== "tool_use" || this.open.id !== part.id) return "";
        return this.delta({ type: "input_json_delta", partial_json: part.delta });
      case "tool-input-end":
        return this.open?.id === part.id ? this.closeBlock() : "";
      case "finish":
        return (
          this.closeBlock() +
          event("message_delta", {
            type: "message_delta",
            delta: { stop_reason: mapAnthropicStopReason(part.finishReason, part.stopSequence), stop_sequence: part.stopSequence ?? null },
            usage: toAnthropicUsage(part.usage),
          }) +
          event("message_stop", { type: "message_stop" })
        );
      case "error":
        return event("error", toAnthropicError(part.error).body);
    }
  }
}

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}
