import { describe, expect, it } from "vitest";
import { LlmError } from "../../unified/llm-error";
import { AnthropicMessagesStreamEncoder } from "./anthropic-messages-stream-encoder";

const usage = { inputTokens: 120, outputTokens: 7, inputTokensSource: "upstream" as const };

function events(output: string) {
  return output
    .split("\n\n")
    .filter(Boolean)
    .map((block) => {
      const [eventLine, dataLine] = block.split("\n");
      const data = JSON.parse(dataLine.replace(/^data: /, ""));
      expect(eventLine).toBe(`event: ${data.type}`);
      return data;
    });
}

describe("AnthropicMessagesStreamEncoder", () => {
  it("frames text and tool use as consecutive content blocks between message_start and message_stop", () => {
    const encoder = new AnthropicMessagesStreamEncoder({ id: "msg_1", model: "claude-opus-5-5", estimatedInputTokens: 100 });
    const output =
      encoder.start() +
      encoder.encode([
        { type: "text-delta", text: "Let me " },
        { type: "text-delta", text: "check" },
        { type: "tool-input-start", id: "tooluse_B", toolName: "get_weather" },
        { type: "tool-input-delta", id: "tooluse_B", delta: "{\"city\":" },
        { type: "tool-input-delta", id: "tooluse_B", delta: "\"Rome\"}" },
        { type: "tool-input-end", id: "tooluse_B" },
        { type: "finish", finishReason: "tool-calls", usage },
      ]);
    const all = events(output);
    expect(all[0]).toEqual({
      type: "message_start",
      message: {
        id: "msg_1",
        type: "message",
        role: "assistant",
        model: "claude-opus-5-5",
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 100, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 },
      },
    });
    expect(all.slice(1).map((event) => [event.type, event.index, event.content_block?.type ?? event.delta?.type])).toEqual([
      ["content_block_start", 0, "text"],
      ["content_block_delta", 0, "text_delta"],
      ["content_block_delta", 0, "text_delta"],
      ["content_block_stop", 0, undefined],
      ["content_block_start", 1, "tool_use"],
      ["content_block_delta", 1, "input_json_delta"],
      ["content_block_delta", 1, "input_json_delta"],
      ["content_block_stop", 1, undefined],
      ["message_delta", undefined, undefined],
      ["message_stop", undefined, undefined],
    ]);
    expect(all[5].content_block).toEqual({ type: "tool_use", id: "tooluse_B", name: "get_weather", input: {} });
    expect(all[6].delta.partial_json + all[7].delta.partial_json).toBe("{\"city\":\"Rome\"}");
    expect(all[9]).toEqual({
      type: "message_delta",
      delta: { stop_reason: "tool_use", stop_sequence: null },
      usage: { input_tokens: 120, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 7 },
    });
  });

  it("closes a thinking block with its signature before the next block", () => {
    const encoder = new AnthropicMessagesStreamEncoder({ id: "msg_2", model: "m", estimatedInputTokens: 1 });
    const all = events(
      encoder.encode([
        { type: "reasoning-delta", text: "hmm" },
        { type: "reasoning-end", signature: "sig" },
        { type: "text-delta", text: "Answer" },
        { type: "finish", finishReason: "stop", usage },
      ]),
    );
    expect(all.map((event) => [event.type, event.index, event.delta?.type])).toEqual([
      ["content_block_start", 0, undefined],
      ["content_block_delta", 0, "thinking_delta"],
      ["content_block_delta", 0, "signature_delta"],
      ["content_block_stop", 0, undefined],
      ["content_block_start", 1, undefined],
      ["content_block_delta", 1, "text_delta"],
      ["content_block_stop", 1, undefined],
      ["message_delta", undefined, undefined],
      ["message_stop", undefined, undefined],
    ]);
    expect(all[7].delta).toEqual({ stop_reason: "end_turn", stop_sequence: null });
  });

  it("ends with an error event when the upstream fails mid-stream", () => {
    const encoder = new AnthropicMessagesStreamEncoder({ id: "msg_3", model: "m", estimatedInputTokens: 1 });
    const all = events(encoder.encode([{ type: "text-delta", text: "partial" }, { type: "error", error: new LlmError("overloaded", "Kiro is overloaded") }]));
    expect(all.at(-1)).toEqual({ type: "error", error: { type: "overloaded_error", message: "Kiro is overloaded" } });
    expect(all.some((event) => event.type === "message_stop")).toBe(false);
  });

  it("sends ping events for keep-alive", () => {
    const encoder = new AnthropicMessagesStreamEncoder({ id: "msg_4", model: "m", estimatedInputTokens: 1 });
    expect(encoder.keepAlive()).toBe("event: ping\ndata: {\"type\":\"ping\"}\n\n");
  });
});
