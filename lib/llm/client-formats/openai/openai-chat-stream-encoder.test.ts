import { describe, expect, it } from "vitest";
import { LlmError } from "../../unified/llm-error";
import type { StreamPart } from "../../unified/stream-part";
import { OpenAIChatStreamEncoder } from "./openai-chat-stream-encoder";

const usage = { inputTokens: 10, outputTokens: 5, inputTokensSource: "upstream" as const };
const identity = { id: "chatcmpl-1", created: 1700000000, model: "claude-sonnet-4-5" };

function events(output: string) {
  return output
    .split("\n\n")
    .filter(Boolean)
    .map((event) => event.replace(/^data: /, ""))
    .map((data) => (data === "[DONE]" ? data : JSON.parse(data)));
}

describe("OpenAIChatStreamEncoder", () => {
  it("sends the role first, content deltas, the finish reason, then [DONE]", () => {
    const encoder = new OpenAIChatStreamEncoder({ ...identity, includeUsage: false });
    const parts: StreamPart[] = [
      { type: "text-delta", text: "Hel" },
      { type: "text-delta", text: "lo" },
      { type: "finish", finishReason: "stop", usage },
    ];
    const chunks = events(encoder.encode(parts));
    expect(chunks[0]).toEqual({ ...identity, object: "chat.completion.chunk", choices: [{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }] });
    expect(chunks.slice(1, 3).map((chunk) => chunk.choices[0].delta)).toEqual([{ content: "Hel" }, { content: "lo" }]);
    expect(chunks[3].choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: "stop" });
    expect(chunks[3]).not.toHaveProperty("usage");
    expect(chunks[4]).toBe("[DONE]");
  });

  it("streams tool calls with index, id, type and name once, then argument pieces", () => {
    const encoder = new OpenAIChatStreamEncoder({ ...identity, includeUsage: true });
    const chunks = events(
      encoder.encode([
        { type: "tool-input-start", id: "call_a", toolName: "get_weather" },
        { type: "tool-input-delta", id: "call_a", delta: "{\"city\":" },
        { type: "tool-input-delta", id: "call_a", delta: "\"Paris\"}" },
        { type: "tool-input-end", id: "call_a" },
        { type: "tool-input-start", id: "call_b", toolName: "get_time" },
        { type: "tool-input-delta", id: "call_b", delta: "{}" },
        { type: "tool-input-end", id: "call_b" },
        { type: "finish", finishReason: "tool-calls", usage },
      ]),
    );
    const toolDeltas = chunks.filter((chunk) => chunk !== "[DONE]" && chunk.choices[0]?.delta?.tool_calls).map((chunk) => chunk.choices[0].delta.tool_calls[0]);
    expect(toolDeltas).toEqual([
      { index: 0, id: "call_a", type: "function", function: { name: "get_weather", arguments: "" } },
      { index: 0, function: { arguments: "{\"city\":" } },
      { index: 0, function: { arguments: "\"Paris\"}" } },
      { index: 1, id: "call_b", type: "function", function: { name: "get_time", arguments: "" } },
      { index: 1, function: { arguments: "{}" } },
    ]);
    const finish = chunks.at(-3);
    expect(finish.choices[0].finish_reason).toBe("tool_calls");
    expect(finish.usage).toBeNull();
    expect(chunks.at(-2)).toMatchObject({ choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } });
    expect(chunks.at(-1)).toBe("[DONE]");
  });

  it("sends thinking as reasoning_content", () => {
    const encoder = new OpenAIChatStreamEncoder({ ...identity, includeUsage: false });
    const chunks = events(encoder.encode([{ type: "reasoning-delta", text: "Let me think" }]));
    expect(chunks[1].choices[0].delta).toEqual({ reasoning_content: "Let me think" });
  });

  it("reports an error in-band and does not claim the stream completed", () => {
    const encoder = new OpenAIChatStreamEncoder({ ...identity, includeUsage: false });
    const output = encoder.encode([
      { type: "text-delta", text: "partial" },
      { type: "error", error: new LlmError("upstream_error", "Kiro's stream was cut off") },
    ]);
    expect(events(output).at(-1)).toEqual({ error: { message: "Kiro's stream was cut off", type: "server_error", param: null, code: null } });
    expect(output).not.toContain("[DONE]");
  });
});
