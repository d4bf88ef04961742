import type { StreamPart } from "../../unified/stream-part";
import { toOpenAIError } from "./openai-error-body";
import { mapOpenAIFinishReason } from "./map-openai-finish-reason";
import { toOpenAIUsage } from "./openai-chat-usage";

/** Identity of the completion every chunk repeats. `created` is epoch seconds. */
export type OpenAIChatStreamOptions = { id: string; created: number; model: string; includeUsage: boolean };

/**
 * Encodes unified stream parts as OpenAI `chat.completion.chunk` server-sent events
 * (platform.openai.com/docs/api-reference/chat-streaming): the first chunk carries the role, then
 * content / `reasoning_content` deltas and `tool_calls` deltas (index, id, type and name once, then
 * argument pieces), a chunk with `finish_reason`, with `include_usage` a last chunk with `usage` and
 * empty `choices`, then `data: [DONE]`. An error becomes an `error` object, without `[DONE]`.
 * Output is a string per batch of parts, so one upstream read becomes one write.
 */
export class OpenAIChatStreamEncoder {
  private readonly prefix: string;
  private roleSent = false;
  private readonly toolIndexById = new Map<string, number>();

  constructor(private readonly options: OpenAIChatStreamOptions) {
    // Every chunk starts with the same members; serialising them once keeps per-chunk work small.
    this.prefix = `data: {"id":${JSON.stringify(options.id)},"object":"chat.completion.chunk","created":${options.created},"model":${JSON.stringify(options.model)},"choices":[{"index":0,"delta":`;
  }

  /** Server-sent-event text for a batch of parts (may be empty). */
  encode(parts: StreamPart[]): string {
    let output = "";
    for (const part of parts) output += this.encodePart(part);
    return output;
  }

  /** A comment line that keeps idle connections open; clients ignore it. */
  keepAlive(): string {
    return ": keep-alive\n\n";
  }

  private chunk(delta: string, finishReason: string | null = null): string {
    const usage = this.options.includeUsage ? `,"usage":null` : "";
    return `${this.prefix}${delta},"logprobs":null,"finish_reason":${finishReason === null ? "null" : `"${finishReason}"`}}]${usage}}\n\n`;
  }

  private roleChunk(): string {
    if (this.roleSent) return "";
    this.roleSent = true;
    return this.chunk(`{"role":"assistant","content":""}`);
  }

  private encodePart(part: StreamPart): string {
    switch (part.type) {
      case "text-delta":
        return this.roleChunk() + this.chunk(`{"content":${JSON.stringify(part.text)}}`);
      case "reasoning-delta":
        return this.roleChunk() + this.chunk(`{"reasoning_content":${JSON.stringify(part.text)}}`);
      case "reasoning-end":
        return "";
      case "tool-input-start": {
        const index = this.toolIndexById.size;
        this.toolIndexById.set(part.id, index);
        const call = { index, id: part.id, type: "function", function: { name: part.toolName, arguments: "" } };
        return this.roleChunk() + this.chunk(`{"tool_calls":[${JSON.stringify(call)}]}`);
      }
      case "tool-input-delta": {
        const index = this.toolIndexById.get(part.id) ?? 0;
        return this.chunk(`{"tool_calls":[{"index":${index},"function":{"arguments":${JSON.stringify(part.delta)}}}]}`);
      }
      case "tool-input-end":
        return "";
      case "finish": {
        let output = this.roleChunk() + this.chunk("{}", mapOpenAIFinishReason(part.finishReason));
        if (this.options.includeUsage) {
          const usage = JSON.stringify(toOpenAIUsage(part.usage));
          output += `data: {"id":${JSON.stringify(this.options.id)},"object":"chat.completion.chunk","created":${this.options.created},"model":${JSON.stringify(this.options.model)},"choices":[],"usage":${usage}}\n\n`;
        }
        return `${output}data: [DONE]\n\n`;
      }
      case "error":
        return `data: ${JSON.stringify(toOpenAIError(part.error).body)}\n\n`;
    }
  }
}
