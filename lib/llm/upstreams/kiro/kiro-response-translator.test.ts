import { describe, expect, it } from "vitest";
import type { StreamPart } from "../../unified/stream-part";
import type { KiroStreamMessage } from "./kiro-event-stream-decoder";
import { KiroResponseTranslator } from "./kiro-response-translator";
import { KiroToolNames } from "./kiro-tool-names";

const event = (eventType: string, payload: unknown): KiroStreamMessage => ({ messageType: "event", eventType, payload: JSON.stringify(payload) });

function translate(messages: KiroStreamMessage[], toolNames = new KiroToolNames()) {
  const translator = new KiroResponseTranslator({ toolNames, contextWindowTokens: 200_000, estimatedInputTokens: 50 });
  const parts: StreamPart[] = [];
  for (const message of messages) parts.push(...translator.push([message]));
  parts.push(...translator.finish());
  return parts;
}

describe("KiroResponseTranslator", () => {
  it("streams text and ends with stop and usage from Kiro's context share and credits", () => {
    const parts = translate([
      event("assistantResponseEvent", { content: "Hel" }),
      event("assistantResponseEvent", { content: "lo" }),
      event("followupPromptEvent", { followupPrompt: { content: "ignored" } }),
      event("meteringEvent", { unit: "credit", usage: 0.25 }),
      event("contextUsageEvent", { contextUsagePercentage: 1 }),
    ]);
    expect(parts.slice(0, 2)).toEqual([
      { type: "text-delta", text: "Hel" },
      { type: "text-delta", text: "lo" },
    ]);
    expect(parts[2]).toEqual({ type: "finish", finishReason: "stop", usage: { inputTokens: 2000 - 2, outputTokens: 2, inputTokensSource: "upstream", credits: 0.25 } });
  });

  it("falls back to the estimate when Kiro reports no context usage", () => {
    const parts = translate([event("assistantResponseEvent", { content: "Hi" })]);
    expect(parts.at(-1)).toMatchObject({ type: "finish", usage: { inputTokens: 50, inputTokensSource: "estimated" } });
  });

  it("joins tool input fragments per toolUseId and reports tool calls", () => {
    const names = new KiroToolNames();
    const alias = names.toKiro(`long_${"x".repeat(70)}`);
    const parts = translate(
      [
        event("assistantResponseEvent", { content: "Checking." }),
        event("toolUseEvent", { name: alias, toolUseId: "tooluse_1" }),
        event("toolUseEvent", { name: alias, toolUseId: "tooluse_1", input: "{\"city\":" }),
        event("toolUseEvent", { name: alias, toolUseId: "tooluse_1", input: "\"Paris\"}" }),
        event("toolUseEvent", { name: alias, toolUseId: "tooluse_1", stop: true }),
        event("toolUseEvent", { name: alias, toolUseId: "tooluse_1", input: "late duplicate" }),
      ],
      names,
    );
    expect(parts).toEqual([
      { type: "text-delta", text: "Checking." },
      { type: "tool-input-start", id: "tooluse_1", toolName: `long_${"x".repeat(70)}` },
      { type: "tool-input-delta", id: "tooluse_1", delta: "{\"city\":" },
      { type: "tool-input-delta", id: "tooluse_1", delta: "\"Paris\"}" },
      { type: "tool-input-end", id: "tooluse_1" },
      expect.objectContaining({ type: "finish", finishReason: "tool-calls" }),
    ]);
  });

  it("gives a tool without arguments the input {}", () => {
    const parts = translate([event("toolUseEvent", { name: "now", toolUseId: "t" }), event("toolUseEvent", { name: "now", toolUseId: "t", stop: true })]);
    expect(parts.filter((part) => part.type === "tool-input-delta")).toEqual([{ type: "tool-input-delta", id: "t", delta: "{}" }]);
  });

  it("keeps each tool call contiguous when Kiro interleaves two of them", () => {
    const parts = translate([
      event("toolUseEvent", { name: "a", toolUseId: "1" }),
      event("toolUseEvent", { name: "b", toolUseId: "2" }),
      event("toolUseEvent", { name: "b", toolUseId: "2", input: "{\"b\":1}" }),
      event("toolUseEvent", { name: "a", toolUseId: "1", input: "{\"a\":1}" }),
      event("toolUseEvent", { name: "a", toolUseId: "1", stop: true }),
      event("toolUseEvent", { name: "b", toolUseId: "2", stop: true }),
    ]);
    expect(parts.map((part) => `${part.type}:${"id" in part ? part.id : ""}`)).toEqual([
      "tool-input-start:1",
      "tool-input-delta:1",
      "tool-input-end:1",
      "tool-input-start:2",
      "tool-input-delta:2",
      "tool-input-end:2",
      "finish:",
    ]);
  });

  it("does not report an unfinished or malformed tool call as a tool call", () => {
    const unfinished = translate([event("toolUseEvent", { name: "a", toolUseId: "1", input: "{\"a\":" })]);
    expect(unfinished.at(-1)).toMatchObject({ type: "finish", finishReason: "length" });
    const malformed = translate([event("toolUseEvent", { name: "a", toolUseId: "1", input: "{\"a\":" }), event("toolUseEvent", { name: "a", toolUseId: "1", stop: true })]);
    expect(malformed.at(-1)).toMatchObject({ type: "finish", finishReason: "length" });
  });

  it("turns an exception frame into an error, never a silent empty answer", () => {
    const translator = new KiroResponseTranslator({ toolNames: new KiroToolNames(), contextWindowTokens: 200_000, estimatedInputTokens: 1 });
    const parts = translator.push([{ messageType: "exception", exceptionType: "ThrottlingException", payload: JSON.stringify({ message: "Too many requests" }) }]);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ type: "error", error: { kind: "rate_limit", status: 429 } });
    expect(translator.finish()).toEqual([]);
  });

  it("ends with length when the output outgrows the budget mid-answer", () => {
    const translator = new KiroResponseTranslator({ toolNames: new KiroToolNames(), contextWindowTokens: 200_000, estimatedInputTokens: 1 });
    const parts = translator.push([
      event("assistantResponseEvent", { content: "partial" }),
      { messageType: "exception", exceptionType: "ContentLengthExceededException", payload: "{\"message\":\"too long\"}" },
    ]);
    expect(parts.map((part) => part.type)).toEqual(["text-delta", "finish"]);
    expect(parts[1]).toMatchObject({ finishReason: "length" });
  });

  it("reports a prompt that is too long as context_length_exceeded", () => {
    const parts = translate([{ messageType: "exception", exceptionType: "ContentLengthExceededException", payload: "{\"message\":\"Input is too long.\"}" }]);
    expect(parts[0]).toMatchObject({ type: "error", error: { kind: "invalid_request", code: "context_length_exceeded" } });
  });
});
