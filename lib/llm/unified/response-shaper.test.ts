import { describe, expect, it } from "vitest";
import { ResponseShaper, stripJsonFence, type ResponseShaperOptions } from "./response-shaper";
import type { StreamPart } from "./stream-part";

const usage = { inputTokens: 10, outputTokens: 99, inputTokensSource: "upstream" as const };
const finish: StreamPart = { type: "finish", finishReason: "stop", usage };

function shape(options: Partial<ResponseShaperOptions>, parts: StreamPart[]) {
  const shaper = new ResponseShaper({ stopSequences: [], suppressToolCalls: false, singleToolCall: false, currentUsage: () => usage, ...options });
  const out: StreamPart[] = [];
  for (const part of parts) out.push(...shaper.push([part]));
  return { out, shaper, text: out.flatMap((part) => (part.type === "text-delta" ? [part.text] : [])).join("") };
}

const deltas = (text: string, size: number): StreamPart[] =>
  Array.from({ length: Math.ceil(text.length / size) }, (_, index) => ({ type: "text-delta" as const, text: text.slice(index * size, index * size + size) }));

describe("ResponseShaper", () => {
  it("cuts text at the first stop sequence, even one split across deltas, and names it", () => {
    for (let size = 1; size <= 12; size += 1) {
      const { out, text, shaper } = shape({ stopSequences: ["STOP", "###"] }, [...deltas("Hello there STOP and more ### end", size), finish]);
      expect(text).toBe("Hello there ");
      expect(out.at(-1)).toMatchObject({ type: "finish", finishReason: "stop", stopSequence: "STOP" });
      expect(shaper.ended).toBe(true);
    }
  });

  it("reports only the delivered thinking as reasoning when the budget cuts the turn inside it", () => {
    const thinking = "thought ".repeat(40);
    const parts: StreamPart[] = Array.from({ length: 20 }, (_, index) => ({ type: "reasoning-delta", text: thinking.slice(index * 16, index * 16 + 16) }));
    const upstreamUsage = { ...usage, reasoningTokens: 80 };
    const { out } = shape({ maxOutputTokens: 5, currentUsage: () => upstreamUsage }, [...parts, finish]);
    const last = out.at(-1) as Extract<StreamPart, { type: "finish" }>;
    expect(last).toMatchObject({ type: "finish", finishReason: "length", usage: { outputTokens: 5, reasoningTokens: 5 } });
  });

  it("ends a thinking block the budget cuts with a signature over the delivered thinking, before the finish", () => {
    const parts: StreamPart[] = Array.from({ length: 20 }, () => ({ type: "reasoning-delta", text: "thought " }));
    const { out } = shape({ maxOutputTokens: 5, signThinking: (text) => `signed:${text}` }, [...parts, { type: "reasoning-end", signature: "full" }, finish]);
    const delivered = out.flatMap((part) => (part.type === "reasoning-delta" ? [part.text] : [])).join("");
    expect(delivered.length).toBeGreaterThan(0);
    expect(out.slice(-2)).toEqual([
      { type: "reasoning-end", signature: `signed:${delivered}` },
      expect.objectContaining({ type: "finish", finishReason: "length" }),
    ]);
  });

  it("passes held text on when no stop sequence completes", () => {
    const { text, out } = shape({ stopSequences: ["STOP"] }, [...deltas("ends with STO", 3), finish]);
    expect(text).toBe("ends with STO");
    expect(out.at(-1)).toMatchObject({ finishReason: "stop" });
    expect(out.at(-1)).not.toHaveProperty("stopSequence");
  });

  it("cuts at the output budget and reports length with the delivered tokens", () => {
    const { out, text } = shape({ maxOutputTokens: 5 }, [...deltas("word ".repeat(50), 7), finish]);
    expect(text.length).toBeGreaterThan(10);
    expect(text.length).toBeLessThanOrEqual(18);
    expect(out.at(-1)).toMatchObject({ type: "finish", finishReason: "length", usage: { inputTokens: 10, outputTokens: 5 } });
  });

  it("drops tool calls for tool_choice none, and keeps only the first when parallel calls are off", () => {
    const tools: StreamPart[] = [
      { type: "tool-input-start", id: "a", toolName: "x" },
      { type: "tool-input-delta", id: "a", delta: "{}" },
      { type: "tool-input-end", id: "a" },
      { type: "tool-input-start", id: "b", toolName: "y" },
      { type: "tool-input-delta", id: "b", delta: "{}" },
      { type: "tool-input-end", id: "b" },
      { type: "finish", finishReason: "tool-calls", usage },
    ];
    const none = shape({ suppressToolCalls: true }, tools).out;
    expect(none).toEqual([{ type: "finish", finishReason: "stop", usage }]);
    const single = shape({ singleToolCall: true }, tools).out;
    expect(single.map((part) => `${part.type}:${"id" in part ? part.id : ""}`)).toEqual(["tool-input-start:a", "tool-input-delta:a", "tool-input-end:a", "finish:"]);
    expect(single.at(-1)).toMatchObject({ finishReason: "tool-calls" });
  });

  it("holds text for structured output and releases it cleaned at the end", () => {
    const { out } = shape({ finalizeText: stripJsonFence }, [...deltas('```json\n{"a": 1}\n```', 4), finish]);
    expect(out).toEqual([{ type: "text-delta", text: '{"a": 1}' }, finish]);
  });
});
