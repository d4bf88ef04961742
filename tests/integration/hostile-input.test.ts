import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { describe, expect, inject, it } from "vitest";
import { mockState } from "../support/kiro-mock-client";

const gateway = () => inject("gatewayUrl");

function post(path: string, body: unknown, dialect: "anthropic" | "openai" = "anthropic") {
  const headers: Record<string, string> =
    dialect === "anthropic"
      ? { "content-type": "application/json", "x-api-key": inject("apiKey"), "anthropic-version": "2023-06-01" }
      : { "content-type": "application/json", authorization: `Bearer ${inject("apiKey")}` };
  return fetch(`${gateway()}${path}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
}

const anthropicBody = (content: unknown, extra: Record<string, unknown> = {}) => ({
  model: "claude-sonnet-4-6",
  max_tokens: 50,
  messages: [{ role: "user", content }],
  ...extra,
});

// Regressions for input that once crashed the gateway, reached Kiro malformed, or leaked the body.
describe("hostile and malformed input", () => {
  it("answers content blocks of a known type but a broken shape with a 400 naming the field", async () => {
    const cases: Array<[unknown, RegExp]> = [
      [[{ type: "image" }], /messages\.0\.content\.0\.source/],
      [[{ type: "text" }], /messages\.0\.content\.0\.text/],
      [[{ type: "text", text: { a: 1 } }], /messages\.0\.content\.0\.text/],
      [[{ type: "document", source: null }], /messages\.0\.content\.0\.source/],
      [[{ type: "tool_result", tool_use_id: "x", content: 5 }], /messages\.0\.content\.0\.content/],
      [[{ type: "tool_result", tool_use_id: "x", content: [{ type: "image" }] }], /messages\.0\.content\.0\.content\.0\.source/],
      [[{ type: "tool_result", tool_use_id: "", content: "a" }], /tool_use_id: must not be empty/],
      [[{ type: "image", source: { type: "base64", media_type: "image/png", data: "   " } }], /data: must not be empty/],
    ];
    for (const [content, message] of cases) {
      for (const path of ["/v1/messages", "/v1/messages/count_tokens"]) {
        const response = await post(path, anthropicBody(content));
        expect(response.status, JSON.stringify(content)).toBe(400);
        const body = await response.json();
        expect(body.error.type).toBe("invalid_request_error");
        expect(body.error.message).toMatch(message);
      }
    }
    const assistantToolUse = await post("/v1/messages", { model: "claude-sonnet-4-6", max_tokens: 5, messages: [{ role: "user", content: "x" }, { role: "assistant", content: [{ type: "tool_use" }] }] });
    expect(assistantToolUse.status).toBe(400);
  });

  it("answers malformed OpenAI parts and tool calls with a 400 carrying the field as param", async () => {
    const missingUrl = await post("/v1/chat/completions", { model: "claude-sonnet-4-6", messages: [{ role: "user", content: [{ type: "image_url" }] }] }, "openai");
    expect(missingUrl.status).toBe(400);
    expect((await missingUrl.json()).error).toMatchObject({ type: "invalid_request_error", param: "messages.0.content.0.image_url" });

    const emptyImage = await post("/v1/chat/completions", { model: "claude-sonnet-4-6", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,   " } }] }] }, "openai");
    expect(emptyImage.status).toBe(400);

    const emptyId = await post(
      "/v1/chat/completions",
      {
        model: "claude-sonnet-4-6",
        messages: [
          { role: "user", content: "x" },
          { role: "assistant", tool_calls: [{ id: "", type: "function", function: { name: "f", arguments: "{}" } }] },
          { role: "tool", tool_call_id: "", content: "a" },
        ],
      },
      "openai",
    );
    expect(emptyId.status).toBe(400);
    expect((await emptyId.json()).error.param).toBe("messages.1.tool_calls.0.id");

    const temperature = await post("/v1/chat/completions", { model: "claude-sonnet-4-6", temperature: 3, messages: [{ role: "user", content: "x" }] }, "openai");
    expect((await temperature.json()).error.param).toBe("temperature");
  });

  it("refuses duplicate tool names before calling Kiro, and sends names differing in case as aliases", async () => {
    await mockState(inject("mockUrl"), { reset: true });
    const tool = (name: string) => ({ name, description: name, input_schema: { type: "object", properties: {} } });
    const duplicate = await post("/v1/messages", anthropicBody("x", { tools: [tool("a"), tool("a")] }));
    expect(duplicate.status).toBe(400);
    expect((await duplicate.json()).error.message).toMatch(/'a' is declared twice/);
    const countDuplicate = await post("/v1/messages/count_tokens", anthropicBody("x", { tools: [tool("a"), tool("a")] }));
    expect(countDuplicate.status).toBe(400);
    const badName = await post("/v1/messages/count_tokens", anthropicBody("x", { tools: [tool("a b")] }));
    expect(badName.status).toBe(400);

    const caseOnly = await post("/v1/messages", anthropicBody("[mock:tools:2] x", { tools: [tool("Get"), tool("get")] }));
    expect(caseOnly.status).toBe(200);
    const names = (await caseOnly.json()).content.filter((block: { type: string }) => block.type === "tool_use").map((block: { name: string }) => block.name);
    expect(names).toEqual(["Get", "get"]);
    expect((await mockState(inject("mockUrl"))).requests.flatMap((request) => request.violations)).toEqual([]);
  });

  it("refuses bodies nested deeper than the limit instead of overflowing the stack", async () => {
    const depth = 3000;
    const schema = `${'{"type":"object","properties":{"a":'.repeat(depth)}{}${"}}".repeat(depth)}`;
    const body = `{"model":"claude-sonnet-4-6","max_tokens":5,"messages":[{"role":"user","content":"q"}],"tools":[{"name":"t","input_schema":${schema}}]}`;
    for (const path of ["/v1/messages", "/v1/messages/count_tokens"]) {
      const response = await post(path, body);
      expect(response.status).toBe(400);
      expect((await response.json()).error.message).toBe("Request body nests deeper than 128 levels.");
    }
  });

  it("never repeats the request body in a JSON parse error", async () => {
    for (const body of ['{"a":"1","password":hunter2}', '\uFEFF{"password":"hunter2"', '{"password":"hunter2" "x"}']) {
      const response = await post("/v1/messages", body);
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(text).not.toContain("hunter2");
      expect(JSON.parse(text).error.message).toMatch(/^Request body is not valid JSON/);
    }
  });

  it("reports a login Kiro refuses as an upstream failure, not as the client's permission problem", async () => {
    // (A 403 that persists after a refresh suspends the credential: that case is in failover.test.ts.)
    for (const directive of ["[mock:status:401]", "[mock:exception:AccessDeniedException]"]) {
      const response = await post("/v1/messages", anthropicBody(directive));
      expect(response.status, directive).toBe(502);
      expect((await response.json()).error.type).toBe("api_error");
    }
  });

  it("reports an overloaded Kiro as Anthropic 529 overloaded_error and OpenAI 503", async () => {
    const anthropicResponse = await post("/v1/messages", anthropicBody("[mock:exception:ServiceUnavailableException]"));
    expect(anthropicResponse.status).toBe(529);
    expect((await anthropicResponse.json()).error.type).toBe("overloaded_error");
    const openaiResponse = await post("/v1/chat/completions", { model: "claude-sonnet-4-6", messages: [{ role: "user", content: "[mock:exception:ServiceUnavailableException]" }] }, "openai");
    expect(openaiResponse.status).toBe(503);
    expect((await openaiResponse.json()).error.type).toBe("server_error");
  });

  it("answers every method a route does not serve with a 405 in the caller's dialect and Allow, and OPTIONS lists only what it serves", async () => {
    const postOnly = "POST, OPTIONS";
    const getOnly = "GET, HEAD, OPTIONS";
    const routes: Array<[string, string]> = [
      ["/v1/chat/completions", postOnly],
      ["/v1/messages", postOnly],
      ["/v1/messages/count_tokens", postOnly],
      ["/v1/models", getOnly],
      ["/v1/models/claude-sonnet-4-6", getOnly],
      ["/health", getOnly],
    ];
    for (const [path, allow] of routes) {
      const refused = allow === postOnly ? ["GET", "PUT", "PATCH", "DELETE"] : ["POST", "PUT", "PATCH", "DELETE"];
      for (const method of refused) {
        const anthropic = await fetch(`${gateway()}${path}`, { method, headers: { "x-api-key": inject("apiKey"), "anthropic-version": "2023-06-01" } });
        expect([path, method, anthropic.status]).toEqual([path, method, 405]);
        expect(anthropic.headers.get("allow")).toBe(allow);
        const body = await anthropic.json();
        expect(body.error).toMatchObject({ type: "invalid_request_error", message: expect.stringMatching(/is not allowed/) });
        // Anthropic's shape, except on OpenAI's own path.
        expect(body.type).toBe(path === "/v1/chat/completions" ? undefined : "error");
      }
      const openai = await fetch(`${gateway()}${path}`, { method: "DELETE", headers: { authorization: `Bearer ${inject("apiKey")}` } });
      expect((await openai.json()).error).toMatchObject({ type: "invalid_request_error", message: expect.stringMatching(/DELETE is not allowed/) });
      const options = await fetch(`${gateway()}${path}`, { method: "OPTIONS" });
      expect([path, options.status, options.headers.get("allow")]).toEqual([path, 204, allow]);
    }
    const root = await fetch(`${gateway()}/v1`, { method: "POST" });
    expect(root.status).toBe(404);
    expect((await root.json()).error.message).toMatch(/Unknown endpoint/);
    // The path decides the dialect where it has one, whatever headers came along.
    expect(await (await fetch(`${gateway()}/v1/messages`, { method: "PUT" })).json()).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
    const openaiShape = await (await fetch(`${gateway()}/v1/chat/completions`, { method: "PUT", headers: { "x-api-key": inject("apiKey") } })).json();
    expect(openaiShape).toMatchObject({ error: { type: "invalid_request_error" } });
    expect(openaiShape).not.toHaveProperty("type");
    // A path that does not exist advertises no methods.
    const unknownPreflight = await fetch(`${gateway()}/v1/nope`, { method: "OPTIONS" });
    expect(unknownPreflight.status).toBe(404);
    expect(unknownPreflight.headers.get("allow")).toBeNull();
  });

  it("lets browser apps on other origins call /v1: preflights are answered and responses readable, with their ids and timing", async () => {
    const preflight = await fetch(`${gateway()}/v1/messages`, {
      method: "OPTIONS",
      headers: { origin: "https://chat.example", "access-control-request-method": "POST", "access-control-request-headers": "x-api-key, content-type, anthropic-version" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("x-api-key, content-type, anthropic-version");
    const response = await fetch(`${gateway()}/v1/messages`, {
      method: "POST",
      headers: { origin: "https://chat.example", "content-type": "application/json", "x-api-key": inject("apiKey"), "anthropic-version": "2023-06-01" },
      body: JSON.stringify(anthropicBody("hello from a browser")),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-expose-headers")).toContain("server-timing");
    await response.text();
    const refused = await fetch(`${gateway()}/v1/models`, { headers: { origin: "https://chat.example" } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("counts tokens of a conversation holding image URLs without fetching them", async () => {
    const before = (await mockState(inject("mockUrl"))).generateCalls;
    const image = (url: string) => ({ type: "image", source: { type: "url", url } });
    const withImage = await post("/v1/messages/count_tokens", {
      model: "claude-sonnet-4-6",
      messages: [
        { role: "user", content: [image("https://example.com/a.png"), { type: "text", text: "what is this?" }] },
        { role: "assistant", content: "a cat" },
        { role: "user", content: [image("http://169.254.169.254/latest"), { type: "text", text: "and this?" }] },
      ],
    });
    expect(withImage.status).toBe(200);
    const textOnly = await post("/v1/messages/count_tokens", { model: "claude-sonnet-4-6", messages: [{ role: "user", content: "what is this? and this?" }] });
    expect((await withImage.json()).input_tokens).toBeGreaterThan((await textOnly.json()).input_tokens + 500);
    expect((await mockState(inject("mockUrl"))).generateCalls).toBe(before);
  });

  it("retrieves one model with both SDKs", async () => {
    const anthropic = new Anthropic({ baseURL: gateway(), apiKey: inject("apiKey"), maxRetries: 0 });
    expect(await anthropic.models.retrieve("claude-haiku-4-5")).toMatchObject({ type: "model", id: "claude-haiku-4-5", display_name: "Claude Haiku 4.5" });
    const openai = new OpenAI({ baseURL: `${gateway()}/v1`, apiKey: inject("apiKey"), maxRetries: 0 });
    expect(await openai.models.retrieve("claude-opus-4-6")).toMatchObject({ id: "claude-opus-4-6", object: "model" });
    await expect(openai.models.retrieve("gpt-4o")).rejects.toMatchObject({ status: 404 });
    // Every id the chat endpoints accept is found, under the id the client asked for.
    expect(await anthropic.models.retrieve("claude-opus-5-5")).toMatchObject({ type: "model", id: "claude-opus-5-5", display_name: expect.stringMatching(/^Claude Opus/) });
    expect(await openai.models.retrieve("kirogate:sonnet-4-6")).toMatchObject({ id: "kirogate:sonnet-4-6", object: "model" });
    expect(await openai.models.retrieve("claude-sonnet-4-6-20250929-thinking")).toMatchObject({ id: "claude-sonnet-4-6-20250929-thinking" });
  });

  it("signs a thinking block that max_tokens cuts short, and never reports more reasoning than output", async () => {
    const anthropic = new Anthropic({ baseURL: gateway(), apiKey: inject("apiKey"), maxRetries: 0 });
    for (const stream of [true, false]) {
      const message = stream
        ? await anthropic.messages.stream({ model: "claude-sonnet-4-6-thinking", max_tokens: 5, messages: [{ role: "user", content: "Hi" }] }).finalMessage()
        : await anthropic.messages.create({ model: "claude-sonnet-4-6-thinking", max_tokens: 5, messages: [{ role: "user", content: "Hi" }] });
      expect(message.stop_reason).toBe("max_tokens");
      expect(message.content[0]).toMatchObject({ type: "thinking", thinking: expect.stringMatching(/\S/), signature: expect.stringMatching(/^[A-Za-z0-9+/]{20,}=*$/) });
      // The signature verifies: the same block sent back in history reaches Kiro as thinking.
      const followUp = await anthropic.messages.create({
        model: "claude-sonnet-4-6-thinking",
        max_tokens: 50,
        messages: [{ role: "user", content: "Hi" }, { role: "assistant", content: message.content as Anthropic.ContentBlockParam[] }, { role: "user", content: "go on" }],
      });
      expect(followUp.stop_reason).not.toBeNull();
      const sentBack = JSON.stringify((await mockState(inject("mockUrl"))).requests.at(-1)!.body);
      expect(sentBack).toContain((message.content[0] as Anthropic.ThinkingBlock).thinking.slice(0, 10));
    }
    const openai = new OpenAI({ baseURL: `${gateway()}/v1`, apiKey: inject("apiKey"), maxRetries: 0 });
    const completion = await openai.chat.completions.create({ model: "claude-sonnet-4-6-thinking", max_tokens: 5, messages: [{ role: "user", content: "Hi" }] });
    expect(completion.choices[0].finish_reason).toBe("length");
    expect(completion.usage!.completion_tokens_details!.reasoning_tokens).toBeLessThanOrEqual(completion.usage!.completion_tokens);
  });

  it("refuses a model list limit outside 1 to 1000", async () => {
    for (const limit of ["0", "abc", "1001", "2.5"]) {
      const response = await fetch(`${gateway()}/v1/models?limit=${limit}`, { headers: { "x-api-key": inject("apiKey"), "anthropic-version": "2023-06-01" } });
      expect([limit, response.status]).toEqual([limit, 400]);
      expect((await response.json()).error).toMatchObject({ type: "invalid_request_error", message: expect.stringMatching(/limit/) });
    }
  });

  it("pages the Anthropic model list", async () => {
    const anthropic = new Anthropic({ baseURL: gateway(), apiKey: inject("apiKey"), maxRetries: 0 });
    const first = await anthropic.models.list({ limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.has_more).toBe(true);
    const ids: string[] = [];
    for await (const model of anthropic.models.list({ limit: 2 })) ids.push(model.id);
    expect(ids).toHaveLength(new Set(ids).size);
    expect(ids.length).toBeGreaterThan(2);
  });
});
