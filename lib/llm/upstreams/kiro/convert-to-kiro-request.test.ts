import { describe, expect, it } from "vitest";
import { validateKiroRequest } from "@/tests/kiro-mock/validate-kiro-request";
import type { UnifiedRequest } from "../../unified/unified-request";
import { convertToKiroRequest } from "./convert-to-kiro-request";

const options = { kiroModelId: "claude-sonnet-4.5", conversationId: "conversation-1", agentContinuationId: "continuation-1", toolDescriptionMaxLength: 10000 };

function request(overrides: Partial<UnifiedRequest>): UnifiedRequest {
  return { model: "claude-sonnet-4-5", system: [], messages: [], tools: [], toolChoice: { type: "auto" }, parallelToolCalls: true, stopSequences: [], stream: false, ...overrides };
}

const weatherTool = {
  name: "get_weather",
  description: "Current weather",
  inputSchema: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
};

function convert(input: Partial<UnifiedRequest>, extra: Partial<typeof options> & { profileArn?: string } = {}) {
  const conversion = convertToKiroRequest(request(input), { ...options, ...extra });
  expect(validateKiroRequest(conversion.body)).toEqual([]);
  return conversion;
}

describe("convertToKiroRequest", () => {
  it("sends a single user turn as the current message with the system text leading it", () => {
    const { body } = convert({ system: ["Be brief.", "Answer in English."], messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }] });
    expect(body.conversationState.history).toBeUndefined();
    expect(body.conversationState.currentMessage.userInputMessage).toEqual({
      content: "Be brief.\nAnswer in English.\n\nHi",
      modelId: "claude-sonnet-4.5",
      origin: "AI_EDITOR",
    });
    expect(body.conversationState).toMatchObject({ chatTriggerType: "MANUAL", conversationId: "conversation-1", agentTaskType: "vibe" });
    expect(body.profileArn).toBeUndefined();
  });

  it("sends profileArn only when given one", () => {
    const { body } = convert({ messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }] }, { profileArn: "arn:aws:codewhisperer:us-east-1:1:profile/X" });
    expect(body.profileArn).toBe("arn:aws:codewhisperer:us-east-1:1:profile/X");
  });

  it("merges same-role turns into strict alternation starting with a user turn", () => {
    const { body } = convert({
      system: ["System rules."],
      messages: [
        { role: "assistant", content: [{ type: "text", text: "Earlier reply" }] },
        { role: "user", content: [{ type: "text", text: "First" }] },
        { role: "user", content: [{ type: "text", text: "Second" }] },
        { role: "assistant", content: [{ type: "text", text: "A" }] },
        { role: "assistant", content: [{ type: "text", text: "B" }] },
        { role: "user", content: [{ type: "text", text: "Last" }] },
      ],
    });
    const history = body.conversationState.history ?? [];
    expect(history.map((entry) => Object.keys(entry)[0])).toEqual([
      "userInputMessage",
      "assistantResponseMessage",
      "userInputMessage",
      "assistantResponseMessage",
    ]);
    expect(history[0]).toMatchObject({ userInputMessage: { content: "System rules." } });
    expect(history[2]).toMatchObject({ userInputMessage: { content: "First\n\nSecond" } });
    expect(history[3]).toMatchObject({ assistantResponseMessage: { content: "A\n\nB" } });
    expect(body.conversationState.currentMessage.userInputMessage.content).toBe("Last");
  });

  it("moves a trailing assistant turn into history and continues from it", () => {
    const { body } = convert({
      messages: [
        { role: "user", content: [{ type: "text", text: "Write a haiku" }] },
        { role: "assistant", content: [{ type: "text", text: "Autumn moon" }] },
      ],
    });
    expect(body.conversationState.history?.[1]).toEqual({ assistantResponseMessage: { content: "Autumn moon" } });
    expect(body.conversationState.currentMessage.userInputMessage.content).toBe("Continue");
  });

  it("round-trips a tool call: tool uses in history, results and tools on the current message", () => {
    const { body } = convert({
      tools: [weatherTool],
      messages: [
        { role: "user", content: [{ type: "text", text: "Weather in Paris?" }] },
        { role: "assistant", content: [{ type: "tool-call", toolCallId: "tooluse_A", toolName: "get_weather", input: { city: "Paris" } }] },
        { role: "user", content: [{ type: "tool-result", toolCallId: "tooluse_A", output: "18°C, clear", images: [], isError: false }] },
      ],
    });
    expect(body.conversationState.history?.[1]).toEqual({
      assistantResponseMessage: { content: " ", toolUses: [{ toolUseId: "tooluse_A", name: "get_weather", input: { city: "Paris" } }] },
    });
    const current = body.conversationState.currentMessage.userInputMessage;
    expect(current.content).toBe("Tool results provided.");
    expect(current.userInputMessageContext?.toolResults).toEqual([{ toolUseId: "tooluse_A", status: "success", content: [{ text: "18°C, clear" }] }]);
    expect(current.userInputMessageContext?.tools?.[0].toolSpecification).toEqual({
      name: "get_weather",
      description: "Current weather",
      inputSchema: { json: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
    });
  });

  it("keeps results of consecutive tool messages and the user's new text in one turn, in order", () => {
    const { body } = convert({
      tools: [weatherTool],
      messages: [
        { role: "user", content: [{ type: "text", text: "Two cities" }] },
        {
          role: "assistant",
          content: [
            { type: "text", text: "Checking both." },
            { type: "tool-call", toolCallId: "call_1", toolName: "get_weather", input: { city: "Paris" } },
            { type: "tool-call", toolCallId: "call_2", toolName: "get_weather", input: { city: "Rome" } },
          ],
        },
        { role: "user", content: [{ type: "tool-result", toolCallId: "call_1", output: "18°C", images: [], isError: false }] },
        { role: "user", content: [{ type: "tool-result", toolCallId: "call_2", output: "boom", images: [], isError: true }] },
        { role: "user", content: [{ type: "text", text: "Which is warmer?" }] },
      ],
    });
    const current = body.conversationState.currentMessage.userInputMessage;
    expect(current.content).toBe("Which is warmer?");
    expect(current.userInputMessageContext?.toolResults?.map((result) => [result.toolUseId, result.status])).toEqual([
      ["call_1", "success"],
      ["call_2", "error"],
    ]);
  });

  it("turns orphan results into text, drops duplicates and answers unanswered tool uses", () => {
    const { body } = convert({
      tools: [weatherTool],
      messages: [
        { role: "user", content: [{ type: "tool-result", toolCallId: "ghost", output: "stale output", images: [], isError: false }, { type: "text", text: "Hello" }] },
        { role: "assistant", content: [{ type: "tool-call", toolCallId: "call_1", toolName: "get_weather", input: {} }, { type: "tool-call", toolCallId: "call_2", toolName: "get_weather", input: {} }] },
        {
          role: "user",
          content: [
            { type: "tool-result", toolCallId: "call_1", output: "ok", images: [], isError: false },
            { type: "tool-result", toolCallId: "call_1", output: "again", images: [], isError: false },
          ],
        },
      ],
    });
    expect(body.conversationState.history?.[0]).toMatchObject({ userInputMessage: { content: "Hello\n\n[Result of tool call ghost]\nstale output" } });
    expect(body.conversationState.currentMessage.userInputMessage.userInputMessageContext?.toolResults).toEqual([
      { toolUseId: "call_1", status: "success", content: [{ text: "ok" }] },
      { toolUseId: "call_2", status: "error", content: [{ text: "No result was provided for this tool call." }] },
    ]);
  });

  it("declares tools that history used but the request no longer offers", () => {
    const { body } = convert({
      messages: [
        { role: "user", content: [{ type: "text", text: "go" }] },
        { role: "assistant", content: [{ type: "tool-call", toolCallId: "call_1", toolName: "old_tool", input: {} }] },
        { role: "user", content: [{ type: "tool-result", toolCallId: "call_1", output: "", images: [], isError: false }] },
      ],
    });
    const context = body.conversationState.currentMessage.userInputMessage.userInputMessageContext;
    expect(context?.tools?.map((tool) => tool.toolSpecification.name)).toEqual(["old_tool"]);
    expect(context?.toolResults?.[0].content).toEqual([{ text: "(empty result)" }]);
  });

  it("aliases tool names longer than Kiro accepts, stably and without collisions, and maps them back", () => {
    const shared = `mcp__${"a".repeat(58)}`;
    const first = `${shared}_first_tool`;
    const second = `${shared}_second_tool`;
    const input = {
      tools: [
        { name: first, description: "one", inputSchema: { type: "object", properties: { x: { type: "string" } }, required: null } },
        { name: second, description: "two", inputSchema: { type: "object", properties: null } },
      ],
      messages: [{ role: "user" as const, content: [{ type: "text" as const, text: "go" }] }],
    };
    const { body, toolNames } = convert(input);
    const names = body.conversationState.currentMessage.userInputMessage.userInputMessageContext?.tools?.map((tool) => tool.toolSpecification.name) ?? [];
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(64);
    expect(names.map((name) => toolNames.toClient(name))).toEqual([first, second]);
    expect(convert(input).body.conversationState.currentMessage.userInputMessage.userInputMessageContext?.tools?.map((tool) => tool.toolSpecification.name)).toEqual(names);
  });

  it("aliases names that differ only in case, since Kiro ignores case, and refuses exact duplicates", () => {
    const tool = (name: string) => ({ name, description: name, inputSchema: { type: "object", properties: {} } });
    const { body, toolNames } = convert({ tools: [tool("Get"), tool("get")], messages: [{ role: "user", content: [{ type: "text", text: "x" }] }] });
    const names = body.conversationState.currentMessage.userInputMessage.userInputMessageContext?.tools?.map((entry) => entry.toolSpecification.name) ?? [];
    expect(names[0]).toBe("Get");
    expect(names[1]).not.toBe("get");
    expect(names.map((name) => toolNames.toClient(name))).toEqual(["Get", "get"]);
    expect(() => convert({ tools: [tool("a"), tool("a")], messages: [{ role: "user", content: [{ type: "text", text: "x" }] }] })).toThrow(/'a' is declared twice/);
  });

  it("cleans schema keywords at every schema position but leaves data such as defaults alone", () => {
    const { body } = convert({
      tools: [
        {
          name: "configure",
          description: "d",
          inputSchema: {
            type: "object",
            properties: { options: { type: "object", default: { additionalProperties: false }, additionalProperties: false } },
            dependencies: { options: { properties: { extra: { type: "string" } }, additionalProperties: false }, other: ["options"] },
            anyOf: [{ required: [] }, { required: ["options"] }],
          },
        },
      ],
      messages: [{ role: "user", content: [{ type: "text", text: "x" }] }],
    });
    expect(body.conversationState.currentMessage.userInputMessage.userInputMessageContext?.tools?.[0].toolSpecification.inputSchema.json).toEqual({
      type: "object",
      properties: { options: { type: "object", default: { additionalProperties: false } } },
      dependencies: { options: { properties: { extra: { type: "string" } } }, other: ["options"] },
      anyOf: [{}, { required: ["options"] }],
    });
  });

  it("rejects a tool name with characters no client API allows, naming it", () => {
    expect(() => convert({ tools: [{ ...weatherTool, name: "get weather" }], messages: [{ role: "user", content: [{ type: "text", text: "x" }] }] })).toThrow(
      /get weather/,
    );
  });

  it("moves long tool descriptions into the system text", () => {
    const long = "Detailed usage. ".repeat(20);
    const { body } = convert(
      { tools: [{ ...weatherTool, description: long }], messages: [{ role: "user", content: [{ type: "text", text: "x" }] }] },
      { toolDescriptionMaxLength: 100 },
    );
    const current = body.conversationState.currentMessage.userInputMessage;
    expect(current.userInputMessageContext?.tools?.[0].toolSpecification.description).toBe("[Full documentation in system prompt under '## Tool: get_weather']");
    expect(current.content).toContain(`## Tool: get_weather\n\n${long.trim()}`);
  });

  it("gives an empty tool description a placeholder", () => {
    const { body } = convert({ tools: [{ ...weatherTool, description: "" }], messages: [{ role: "user", content: [{ type: "text", text: "x" }] }] });
    expect(body.conversationState.currentMessage.userInputMessage.userInputMessageContext?.tools?.[0].toolSpecification.description).toBe("Tool: get_weather");
  });

  it("sends images of the current turn and notes images of earlier turns", () => {
    const image = { type: "image" as const, mediaType: "image/jpg", data: "aGVsbG8=" };
    const { body } = convert({
      messages: [
        { role: "user", content: [{ type: "text", text: "Look" }, image] },
        { role: "assistant", content: [{ type: "text", text: "A cat" }] },
        { role: "user", content: [{ type: "text", text: "And this?" }, image] },
      ],
    });
    expect(body.conversationState.history?.[0]).toMatchObject({ userInputMessage: { content: "Look\n\n[1 image(s) from this earlier turn are not repeated]" } });
    expect(body.conversationState.currentMessage.userInputMessage.images).toEqual([{ format: "jpeg", source: { bytes: "aGVsbG8=" } }]);
  });

  it("drops empty assistant turns instead of sending empty content", () => {
    const { body } = convert({
      messages: [
        { role: "user", content: [{ type: "text", text: "one" }] },
        { role: "assistant", content: [{ type: "text", text: "" }] },
        { role: "user", content: [{ type: "text", text: "two" }] },
      ],
    });
    expect(body.conversationState.history).toBeUndefined();
    expect(body.conversationState.currentMessage.userInputMessage.content).toBe("one\n\ntwo");
  });

  it("refuses a request without any message content", () => {
    expect(() => convertToKiroRequest(request({ messages: [] }), options)).toThrow(/at least one message/);
  });
});
