import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mockState } from "../support/kiro-mock-client";
import { startGatewayProcess, type GatewayProcess } from "../support/gateway-process";
import { parseServerSentEvents } from "../support/sse";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const weatherTool = { name: "get_weather", description: "Weather for a city", input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } };
const timeTool = { name: "get_time", description: "Time in a city", input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } };
const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

async function anthropic(body: Json, gatewayUrl = inject("gatewayUrl")) {
  const response = await fetch(`${gatewayUrl}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": inject("apiKey"), "anthropic-version": "2023-06-01" },
    body: JSON.stringify({ model: "claude-sonnet-4-6", max_tokens: 4096, ...body }),
  });
  const text = await response.text();
  return { status: response.status, json: body.stream ? {} : (JSON.parse(text) as Json), events: body.stream ? parseServerSentEvents(text).map((event) => event.data as Json) : [] };
}

async function lastUpstream(): Promise<Json> {
  const state = await mockState(inject("mockUrl"));
  expect(state.requests.flatMap((request) => request.violations)).toEqual([]);
  return state.requests.at(-1)!.body as Json;
}

const openai = () => new OpenAI({ baseURL: `${inject("gatewayUrl")}/v1`, apiKey: inject("apiKey"), maxRetries: 0 });

describe("options Kiro has no switch for, emulated", () => {
  it("stops at a stop sequence: stop_sequence in Anthropic, stop in OpenAI", async () => {
    const whole = await anthropic({ stop_sequences: ["said"], messages: [{ role: "user", content: "hello" }] });
    expect(whole.json).toMatchObject({ stop_reason: "stop_sequence", stop_sequence: "said", content: [{ type: "text", text: "Hello from the Kiro mock — héllo 你好 🌍. You " }] });
    const streamed = await anthropic({ stream: true, stop_sequences: ["said"], messages: [{ role: "user", content: "hello" }] });
    expect(streamed.events.find((event) => event.type === "message_delta")!.delta).toEqual({ stop_reason: "stop_sequence", stop_sequence: "said" });
    const chat = await openai().chat.completions.create({ model: "claude-sonnet-4-6", stop: ["Kiro"], messages: [{ role: "user", content: "hello" }] });
    expect(chat.choices[0]).toMatchObject({ finish_reason: "stop", message: { content: "Hello from the " } });
  });

  it("cuts at max_tokens: max_tokens in Anthropic, length in OpenAI, with output tokens within the budget", async () => {
    const whole = await anthropic({ max_tokens: 20, messages: [{ role: "user", content: "[mock:long]" }] });
    expect(whole.json.stop_reason).toBe("max_tokens");
    expect(whole.json.usage.output_tokens).toBeLessThanOrEqual(20);
    expect(whole.json.content[0].text.length).toBeGreaterThan(40);
    const chat = await openai().chat.completions.create({ model: "claude-sonnet-4-6", max_completion_tokens: 10, messages: [{ role: "user", content: "[mock:long]" }] });
    expect(chat.choices[0].finish_reason).toBe("length");
    expect(chat.usage!.completion_tokens).toBeLessThanOrEqual(10);
  });

  it("honours tool_choice: none offers no tool, a named tool is the only one offered, an unknown one is a 400", async () => {
    await mockState(inject("mockUrl"), { reset: true });
    const none = await anthropic({ tools: [weatherTool, timeTool], tool_choice: { type: "none" }, messages: [{ role: "user", content: "[mock:tool] go" }] });
    expect(none.status).toBe(200);
    expect(none.json.content.map((block: Json) => block.type)).toEqual(["text"]);
    expect(none.json.stop_reason).toBe("end_turn");
    const noneBody = await lastUpstream();
    expect(noneBody.conversationState.currentMessage.userInputMessage.userInputMessageContext).toBeUndefined();
    expect(noneBody.conversationState.currentMessage.userInputMessage.content).toContain("Do not call any tool");

    const named = await anthropic({ tools: [weatherTool, timeTool], tool_choice: { type: "tool", name: "get_time" }, messages: [{ role: "user", content: "[mock:tool] go" }] });
    expect(named.json.content.find((block: Json) => block.type === "tool_use").name).toBe("get_time");
    const namedTools = (await lastUpstream()).conversationState.currentMessage.userInputMessage.userInputMessageContext.tools;
    expect(namedTools.map((tool: Json) => tool.toolSpecification.name)).toEqual(["get_time"]);

    const unknown = await anthropic({ tools: [weatherTool], tool_choice: { type: "tool", name: "nope" }, messages: [{ role: "user", content: "go" }] });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toContain("'nope'");

    const required = await openai().chat.completions.create({
      model: "claude-sonnet-4-6",
      tool_choice: "required",
      tools: [{ type: "function", function: { name: "get_weather", parameters: weatherTool.input_schema } }],
      messages: [{ role: "user", content: "[mock:tool] go" }],
    });
    expect(required.choices[0].finish_reason).toBe("tool_calls");
    expect((await lastUpstream()).conversationState.currentMessage.userInputMessage.content).toContain("You must call at least one");
  });

  it("keeps one tool call per turn when parallel calls are off", async () => {
    const chat = await openai().chat.completions.create({
      model: "claude-sonnet-4-6",
      parallel_tool_calls: false,
      tools: [weatherTool, timeTool].map((tool) => ({ type: "function" as const, function: { name: tool.name, parameters: tool.input_schema } })),
      messages: [{ role: "user", content: "[mock:tools:2] go" }],
    });
    expect(chat.choices[0].message.tool_calls).toHaveLength(1);
    const disabled = await anthropic({ tools: [weatherTool, timeTool], tool_choice: { type: "auto", disable_parallel_tool_use: true }, messages: [{ role: "user", content: "[mock:tools:2] go" }] });
    expect(disabled.json.content.filter((block: Json) => block.type === "tool_use")).toHaveLength(1);
  });

  it("returns bare JSON for response_format, streaming and not", async () => {
    const chat = await openai().chat.completions.create({ model: "claude-sonnet-4-6", response_format: { type: "json_object" }, messages: [{ role: "user", content: "[mock:json]" }] });
    expect(JSON.parse(chat.choices[0].message.content!)).toEqual({ city: "Paris", temperature: 18 });
    expect((await lastUpstream()).conversationState.currentMessage.userInputMessage.content).toContain("Reply with one JSON object");
    const stream = await openai().chat.completions.create({
      model: "claude-sonnet-4-6",
      stream: true,
      response_format: { type: "json_schema", json_schema: { name: "weather", schema: { type: "object", properties: { city: { type: "string" } } } } },
      messages: [{ role: "user", content: "[mock:json]" }],
    });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    expect(JSON.parse(text)).toEqual({ city: "Paris", temperature: 18 });
    expect((await lastUpstream()).conversationState.currentMessage.userInputMessage.content).toContain('named "weather"');
  });

  it("turns on thinking from reasoning_effort and -thinking model ids, as reasoning_content for OpenAI", async () => {
    const chat = await openai().chat.completions.create({ model: "claude-sonnet-4-6", reasoning_effort: "low", messages: [{ role: "user", content: "hi" }] });
    const message = chat.choices[0].message as typeof chat.choices[0]["message"] & { reasoning_content?: string };
    expect(message.reasoning_content).toBe("Let me weigh this: the user wants an answer.");
    expect(message.content).toBe("Hello from the Kiro mock — héllo 你好 🌍. You said: hi");
    expect(chat.usage!.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
    expect((await lastUpstream()).conversationState.currentMessage.userInputMessage.content).toContain("<thinking_effort>low</thinking_effort>");

    const alias = await anthropic({ model: "claude-opus-4-6-thinking", messages: [{ role: "user", content: "hi" }] });
    expect(alias.json.model).toBe("claude-opus-4-6-thinking");
    expect(alias.json.content.map((block: Json) => block.type)).toEqual(["thinking", "text"]);
    expect((await lastUpstream()).conversationState.currentMessage.userInputMessage.modelId).toBe("claude-opus-4.6");

    const omitted = await anthropic({ stream: true, thinking: { type: "adaptive", display: "omitted" }, messages: [{ role: "user", content: "hi" }] });
    expect(omitted.events.filter((event) => event.delta?.type === "thinking_delta")).toEqual([]);
    expect(omitted.events.find((event) => event.type === "content_block_start")!.content_block).toEqual({ type: "thinking", thinking: "" });
    expect(omitted.events.find((event) => event.delta?.type === "signature_delta")).toBeDefined();

    const models = await openai().models.list();
    expect(models.data.map((model) => model.id)).toContain("claude-sonnet-4-6-thinking");
  });

  it("answers a prompt larger than the model's context the way each client acts on", async () => {
    const huge = "lorem ipsum ".repeat(80_000);
    const tooLong = await anthropic({ model: "claude-haiku-4-5", messages: [{ role: "user", content: huge }] });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.error).toEqual({ type: "invalid_request_error", message: expect.stringMatching(/^prompt is too long: \d+ tokens > 200000 maximum$/) });
    await expect(openai().chat.completions.create({ model: "claude-haiku-4-5", messages: [{ role: "user", content: huge }] })).rejects.toMatchObject({
      status: 400,
      code: "context_length_exceeded",
      message: expect.stringContaining("maximum context length is 200000 tokens"),
    });
  });

  it("sends base64 images on the current turn and refuses what Kiro cannot read", async () => {
    const seen = await anthropic({ messages: [{ role: "user", content: [{ type: "text", text: "what is this?" }, { type: "image", source: { type: "base64", media_type: "image/png", data: png } }] }] });
    expect(seen.json.content[0].text).toBe("I see 1 image(s): png.");
    const chat = await openai().chat.completions.create({ model: "claude-sonnet-4-6", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: `data:image/jpeg;base64,${png}` } }] }] });
    expect(chat.choices[0].message.content).toBe("I see 1 image(s): jpeg.");

    const pdf = await anthropic({ messages: [{ role: "user", content: [{ type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBERi0=" } }] }] });
    expect(pdf.status).toBe(400);
    expect(pdf.json.error.message).toMatch(/application\/pdf' is not supported: Kiro takes text and images only/);
    const plain = await anthropic({ messages: [{ role: "user", content: [{ type: "document", source: { type: "base64", media_type: "text/plain", data: Buffer.from("notes line").toString("base64") } }] }] });
    expect(plain.json.content[0].text).toContain("You said: notes line");

    const loopback = await anthropic({ messages: [{ role: "user", content: [{ type: "image", source: { type: "url", url: `${inject("mockUrl")}/__mock/image.png` } }] }] });
    expect(loopback.status).toBe(400);
    expect(loopback.json.error.message).toMatch(/may not reach/);
  });
});

describe("image URLs on a gateway allowed to reach private networks", () => {
  let gateway: GatewayProcess;
  let folder: string;
  beforeAll(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), "kirogate-images-"));
    gateway = await startGatewayProcess({
      PROXY_API_KEY: inject("apiKey"),
      TOKEN_ENCRYPT_KEY: "image-test-encryption-key",
      AUTH_SECRET: "image-test-auth-secret-0123456",
      DATABASE_URL: `file:${path.join(folder, "db.sqlite")}`,
      KIRO_API_BASE_URL: inject("mockUrl"),
      KIRO_SOCIAL_AUTH_BASE_URL: inject("mockUrl"),
      KIRO_OIDC_BASE_URL: inject("mockUrl"),
      REFRESH_TOKEN: "image-test-refresh",
      IMAGE_URL_ALLOW_PRIVATE_NETWORKS: "true",
    });
  });
  afterAll(async () => {
    await gateway.stop();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it("downloads the image, follows a redirect, and refuses bytes that are not an image", async () => {
    const direct = await anthropic({ messages: [{ role: "user", content: [{ type: "image", source: { type: "url", url: `${inject("mockUrl")}/__mock/image.png` } }] }] }, gateway.url);
    expect(direct.json.content[0].text).toBe("I see 1 image(s): png.");
    const chat = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${inject("apiKey")}` },
      body: JSON.stringify({ model: "claude-sonnet-4-6", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: `${inject("mockUrl")}/__mock/redirect-to-image` } }] }] }),
    });
    expect((await chat.json()).choices[0].message.content).toBe("I see 1 image(s): png.");
    const fake = await anthropic({ messages: [{ role: "user", content: [{ type: "image", source: { type: "url", url: `${inject("mockUrl")}/__mock/not-an-image` } }] }] }, gateway.url);
    expect(fake.status).toBe(400);
    expect(fake.json.error.message).toMatch(/not a PNG, JPEG, GIF or WebP image/);
  });
});
