import OpenAI from "openai";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { mockState } from "../support/kiro-mock-client";

const weatherTool: OpenAI.Chat.ChatCompletionTool = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Current weather for a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
  },
};

describe("the OpenAI SDK against the gateway", () => {
  let client: OpenAI;
  beforeAll(() => {
    client = new OpenAI({ baseURL: `${inject("gatewayUrl")}/v1`, apiKey: inject("apiKey"), maxRetries: 0 });
  });

  it("gets a whole completion with usage", async () => {
    const completion = await client.chat.completions.create({
      model: "claude-sonnet-4-5",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "hello from openai" },
      ],
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.model).toBe("claude-sonnet-4-5");
    expect(completion.choices[0].message.content).toBe("Hello from the Kiro mock — héllo 你好 🌍. You said: hello from openai");
    expect(completion.choices[0].finish_reason).toBe("stop");
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it("streams a completion with the usage chunk last", async () => {
    const stream = await client.chat.completions.create({
      model: "claude-sonnet-4-5",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "stream please" }],
    });
    let text = "";
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta?.content ?? "";
    }
    expect(text).toBe("Hello from the Kiro mock — héllo 你好 🌍. You said: stream please");
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe("stop");
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);
  });

  it("round-trips a tool call without streaming", async () => {
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: "user", content: "[mock:tool:get_weather] What is the weather in Paris?" }];
    const first = await client.chat.completions.create({ model: "claude-sonnet-4-5", messages, tools: [weatherTool] });
    const choice = first.choices[0];
    expect(choice.finish_reason).toBe("tool_calls");
    const call = choice.message.tool_calls?.[0];
    expect(call?.type).toBe("function");
    if (call?.type !== "function") throw new Error("expected a function call");
    expect(call.function.name).toBe("get_weather");
    expect(JSON.parse(call.function.arguments)).toEqual({ city: "Paris" });

    messages.push(choice.message, { role: "tool", tool_call_id: call.id, content: "18°C and clear" });
    const second = await client.chat.completions.create({ model: "claude-sonnet-4-5", messages, tools: [weatherTool] });
    expect(second.choices[0].message.content).toBe("Tool results received: 18°C and clear");
    expect(second.choices[0].finish_reason).toBe("stop");
  });

  it("round-trips a tool call while streaming, with arguments as deltas", async () => {
    const stream = await client.chat.completions.create({
      model: "claude-sonnet-4-5",
      stream: true,
      tools: [weatherTool],
      messages: [{ role: "user", content: "[mock:tool:get_weather] weather?" }],
    });
    const calls = new Map<number, { id?: string; name?: string; arguments: string; pieces: number }>();
    let finishReason: string | null = null;
    for await (const chunk of stream) {
      for (const delta of chunk.choices[0]?.delta?.tool_calls ?? []) {
        const call = calls.get(delta.index) ?? { arguments: "", pieces: 0 };
        call.id ??= delta.id;
        call.name ??= delta.function?.name;
        if (delta.function?.arguments) {
          call.arguments += delta.function.arguments;
          call.pieces += 1;
        }
        calls.set(delta.index, call);
      }
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
    }
    expect(finishReason).toBe("tool_calls");
    const call = calls.get(0)!;
    expect(call.name).toBe("get_weather");
    expect(call.id).toMatch(/^tooluse_/);
    expect(call.pieces).toBeGreaterThan(1);
    expect(JSON.parse(call.arguments)).toEqual({ city: "Paris" });

    const followUp = await client.chat.completions.create({
      model: "claude-sonnet-4-5",
      stream: true,
      tools: [weatherTool],
      messages: [
        { role: "user", content: "[mock:tool:get_weather] weather?" },
        { role: "assistant", content: null, tool_calls: [{ id: call.id!, type: "function", function: { name: "get_weather", arguments: call.arguments } }] },
        { role: "tool", tool_call_id: call.id!, content: "sunny" },
      ],
    });
    let text = "";
    for await (const chunk of followUp) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toBe("Tool results received: sunny");
  });

  it("reports errors in the OpenAI shape", async () => {
    const wrongKey = new OpenAI({ baseURL: `${inject("gatewayUrl")}/v1`, apiKey: "sk-wrong", maxRetries: 0 });
    await expect(wrongKey.chat.completions.create({ model: "claude-sonnet-4-5", messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({
      status: 401,
      error: { type: "invalid_request_error", code: "invalid_api_key" },
    });
    await expect(client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({
      status: 404,
      error: { code: "model_not_found" },
    });
    await expect(client.chat.completions.create({ model: "claude-sonnet-4-5", n: 2, messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({
      status: 400,
      error: { type: "invalid_request_error", param: "n" },
    });
    await expect(client.chat.completions.create({ model: "claude-sonnet-4-5", messages: [{ role: "user", content: "[mock:status:400]" }] })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("mock status 400 (reason: MOCK)"),
    });
  });

  it("lists the models", async () => {
    const models = await client.models.list();
    const ids = models.data.map((model) => model.id);
    expect(ids).toContain("claude-sonnet-4-5");
    expect(ids).toContain("claude-opus-4-5");
    expect(models.data[0].object).toBe("model");
  });

  it("sent every request upstream in a form Kiro accepts", async () => {
    const state = await mockState(inject("mockUrl"));
    expect(state.requests.length).toBeGreaterThan(0);
    expect(state.requests.flatMap((request) => request.violations)).toEqual([]);
  });
});
