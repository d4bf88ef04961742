import Anthropic from "@anthropic-ai/sdk";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { mockState } from "../support/kiro-mock-client";

const weatherTool: Anthropic.Tool = {
  name: "get_weather",
  description: "Current weather for a city",
  input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

describe("the Anthropic SDK against the gateway", () => {
  let client: Anthropic;
  beforeAll(() => {
    client = new Anthropic({ baseURL: inject("gatewayUrl"), apiKey: inject("apiKey"), maxRetries: 0 });
  });

  it("gets a whole message", async () => {
    const message = await client.messages.create({
      model: "claude-sonnet-4-6",
      max_tokens: 256,
      system: [{ type: "text", text: "Be brief.", cache_control: { type: "ephemeral" } }],
      messages: [{ role: "user", content: "hello from anthropic" }],
    });
    expect(message).toMatchObject({
      type: "message",
      role: "assistant",
      model: "claude-sonnet-4-6",
      stop_reason: "end_turn",
      stop_sequence: null,
      content: [{ type: "text", text: "Hello from the Kiro mock — héllo 你好 🌍. You said: hello from anthropic" }],
    });
    expect(message.id).toMatch(/^msg_/);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it("streams a message through the SDK's stream helper", async () => {
    const stream = client.messages.stream({ model: "claude-opus-5-5", max_tokens: 256, messages: [{ role: "user", content: "stream please" }] });
    const events: string[] = [];
    stream.on("streamEvent", (event) => events.push(event.type));
    const message = await stream.finalMessage();
    expect(message.content).toMatchObject([{ type: "text", text: "Hello from the Kiro mock — héllo 你好 🌍. You said: stream please" }]);
    expect(message.model).toBe("claude-opus-5-5");
    expect(message.stop_reason).toBe("end_turn");
    expect(events[0]).toBe("message_start");
    expect(events.at(-1)).toBe("message_stop");
  });

  it("round-trips a tool call without streaming", async () => {
    const messages: Anthropic.MessageParam[] = [{ role: "user", content: "[mock:tool:get_weather] weather in Paris?" }];
    const first = await client.messages.create({ model: "claude-sonnet-4-6", max_tokens: 256, tools: [weatherTool], messages });
    expect(first.stop_reason).toBe("tool_use");
    const toolUse = first.content.find((block) => block.type === "tool_use");
    expect(toolUse).toMatchObject({ type: "tool_use", name: "get_weather", input: { city: "Paris" } });
    if (toolUse?.type !== "tool_use") throw new Error("expected a tool_use block");

    messages.push({ role: "assistant", content: first.content }, { role: "user", content: [{ type: "tool_result", tool_use_id: toolUse.id, content: "18°C" }] });
    const second = await client.messages.create({ model: "claude-sonnet-4-6", max_tokens: 256, tools: [weatherTool], messages });
    expect(second.content).toEqual([{ type: "text", text: "Tool results received: 18°C" }]);
  });

  it("round-trips a tool call while streaming (beta endpoint, as Claude Code uses)", async () => {
    const stream = client.beta.messages.stream({
      model: "claude-sonnet-4-6",
      max_tokens: 256,
      tools: [weatherTool],
      messages: [{ role: "user", content: "[mock:tool:get_weather] weather?" }],
    });
    const jsonDeltas: string[] = [];
    stream.on("streamEvent", (event) => {
      if (event.type === "content_block_delta" && event.delta.type === "input_json_delta") jsonDeltas.push(event.delta.partial_json);
    });
    const message = await stream.finalMessage();
    expect(message.stop_reason).toBe("tool_use");
    expect(jsonDeltas.length).toBeGreaterThan(1);
    const toolUse = message.content.find((block) => block.type === "tool_use");
    expect(toolUse).toMatchObject({ name: "get_weather", input: { city: "Paris" } });
    if (toolUse?.type !== "tool_use") throw new Error("expected a tool_use block");

    const answer = await client.beta.messages
      .stream({
        model: "claude-sonnet-4-6",
        max_tokens: 256,
        tools: [weatherTool],
        messages: [
          { role: "user", content: "[mock:tool:get_weather] weather?" },
          { role: "assistant", content: message.content },
          { role: "user", content: [{ type: "tool_result", tool_use_id: toolUse.id, content: [{ type: "text", text: "sunny" }], is_error: false }] },
        ],
      })
      .finalMessage();
    expect(answer.content).toMatchObject([{ type: "text", text: "Tool results received: sunny" }]);
  });

  it("counts tokens without calling Kiro, more with a system prompt and tools than without", async () => {
    const before = (await mockState(inject("mockUrl"))).generateCalls;
    const bare = await client.messages.countTokens({ model: "claude-sonnet-4-6", messages: [{ role: "user", content: "How many tokens is this?" }] });
    const rich = await client.messages.countTokens({
      model: "claude-sonnet-4-6",
      system: "You are a meticulous assistant. ".repeat(50),
      tools: [weatherTool],
      messages: [{ role: "user", content: "How many tokens is this?" }],
    });
    expect(bare.input_tokens).toBeGreaterThan(0);
    expect(rich.input_tokens).toBeGreaterThan(bare.input_tokens + 300);
    expect((await mockState(inject("mockUrl"))).generateCalls).toBe(before);
  });

  it("lists models in the Anthropic shape", async () => {
    const page = await client.models.list();
    expect(page.data.map((model) => model.id)).toContain("claude-haiku-4-5");
    expect(page.data[0]).toMatchObject({ type: "model", display_name: expect.stringMatching(/^Claude /) });
  });

  it("reports errors in the Anthropic shape", async () => {
    const wrongKey = new Anthropic({ baseURL: inject("gatewayUrl"), apiKey: "wrong", maxRetries: 0 });
    await expect(wrongKey.messages.create({ model: "claude-sonnet-4-6", max_tokens: 10, messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({
      status: 401,
      error: { type: "error", error: { type: "authentication_error" } },
    });
    await expect(
      client.messages.create({ model: "claude-sonnet-4-6", max_tokens: 10, messages: [{ role: "user", content: "[mock:status:500]" }] }),
    ).rejects.toMatchObject({ status: 502, error: { error: { type: "api_error", message: expect.stringContaining("HTTP 500") } } });
    await expect(
      client.messages.create({ model: "claude-sonnet-4-6", max_tokens: 10, messages: [{ role: "user", content: "[mock:status:400]" }] }),
    ).rejects.toMatchObject({ status: 400, error: { error: { type: "invalid_request_error", message: expect.stringContaining("Kiro rejected the request") } } });
  });
});
