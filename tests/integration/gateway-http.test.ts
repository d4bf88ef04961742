import { describe, expect, inject, it } from "vitest";
import { mockState } from "../support/kiro-mock-client";

const gateway = () => inject("gatewayUrl");
const headers = () => ({ "content-type": "application/json", "x-api-key": inject("apiKey"), "anthropic-version": "2023-06-01" });

function messages(content: string, extra: Record<string, unknown> = {}) {
  return fetch(`${gateway()}/v1/messages`, {
    method: "POST",
    headers: headers(),
    body: JSON.stringify({ model: "claude-sonnet-4-6", max_tokens: 4096, messages: [{ role: "user", content }], ...extra }),
  });
}

/** The SSE events of a body, as [event name, parsed data]. */
function parseEvents(text: string): Array<[string, Record<string, unknown>]> {
  return text
    .split("\n\n")
    .filter((block) => block.startsWith("event: "))
    .map((block) => {
      const [eventLine, dataLine] = block.split("\n");
      return [eventLine.slice("event: ".length), JSON.parse(dataLine.slice("data: ".length))];
    });
}

describe("the gateway over plain HTTP", () => {
  it("reports health without secrets", async () => {
    const response = await fetch(`${gateway()}/health`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({
      status: "ok",
      version: expect.any(String),
      database: { reachable: true },
      credentials: { total: 3, usable: 3, byStatus: { active: 3 } },
      pool: { strategy: "round_robin", inFlight: 0 },
    });
  });

  it("streams with the headers that keep proxies from buffering", async () => {
    const response = await messages("headers please", { stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    await response.text();
  });

  it("says where the time before the first byte went in Server-Timing, streaming and not", async () => {
    for (const stream of [true, false]) {
      const response = await messages("[mock:delay:120] timing please", { stream });
      expect(response.status).toBe(200);
      await response.text();
      const entries = Object.fromEntries(
        (response.headers.get("server-timing") ?? "").split(", ").map((entry) => {
          const [name, duration] = entry.split(";dur=");
          return [name, Number(duration)];
        }),
      );
      expect(Object.keys(entries)).toEqual(["auth", "translate", "pick", "upstream", "gateway"]);
      // The mock waited 120 ms before answering: that is upstream time, and part of the whole.
      expect(entries.upstream).toBeGreaterThanOrEqual(115);
      expect(entries.gateway).toBeGreaterThanOrEqual(entries.auth + entries.translate + entries.pick + entries.upstream - 0.5);
    }
    // Failed requests say where their time went too.
    const failed = await messages("[mock:status:400] please fail");
    expect(failed.status).toBe(400);
    expect(failed.headers.get("server-timing")).toMatch(/upstream;dur=[\d.]+, gateway;dur=[\d.]+$/);
    const unknownModel = await fetch(`${gateway()}/v1/messages`, { method: "POST", headers: headers(), body: JSON.stringify({ model: "gpt-4o", max_tokens: 5, messages: [{ role: "user", content: "x" }] }) });
    expect(unknownModel.status).toBe(404);
    expect(unknownModel.headers.get("server-timing")).toMatch(/gateway;dur=/);
  });

  it("accepts keys as x-api-key or Authorization: Bearer, and refuses missing or wrong ones in the caller's dialect", async () => {
    const body = JSON.stringify({ model: "claude-sonnet-4-6", messages: [{ role: "user", content: "x" }] });
    const bearer = await fetch(`${gateway()}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${inject("apiKey")}` }, body });
    expect(bearer.status).toBe(200);
    const missing = await fetch(`${gateway()}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: { message: expect.stringContaining("Missing API key"), type: "invalid_request_error", param: null, code: "invalid_api_key" } });
    const wrong = await fetch(`${gateway()}/v1/messages`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": "nope" }, body });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ type: "error", error: { type: "authentication_error", message: "Invalid API key." } });
  });

  it("answers bad input with a 400 in the caller's dialect, without echoing it or leaking a stack", async () => {
    const invalidJson = await fetch(`${gateway()}/v1/messages`, { method: "POST", headers: headers(), body: "{\"model\": \"secret-value" });
    expect(invalidJson.status).toBe(400);
    const invalidBody = await invalidJson.json();
    expect(invalidBody.error.type).toBe("invalid_request_error");
    expect(invalidBody.error.message).toMatch(/not valid JSON/);
    expect(JSON.stringify(invalidBody)).not.toContain("secret-value");

    const noMessages = await fetch(`${gateway()}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${inject("apiKey")}` },
      body: JSON.stringify({ model: "claude-sonnet-4-6", messages: [] }),
    });
    expect(noMessages.status).toBe(400);
    expect((await noMessages.json()).error.message).toBe("messages: at least one message is required");

    const wrongType = await fetch(`${gateway()}/v1/messages`, { method: "POST", headers: headers(), body: JSON.stringify({ model: "m", max_tokens: "many", messages: "hi" }) });
    expect(wrongType.status).toBe(400);
    const text = await wrongType.text();
    expect(text).toMatch(/invalid_request_error/);
    expect(text).not.toMatch(/at .*\.js:\d+/);
  });

  it("answers unknown /v1 endpoints with a 404 in the caller's dialect", async () => {
    const response = await fetch(`${gateway()}/v1/embeddings`, { method: "POST", headers: { authorization: `Bearer ${inject("apiKey")}` } });
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toMatch(/Unknown endpoint: POST \/v1\/embeddings/);
  });

  it("spreads requests round robin over the credentials, social and IdC, without profileArn for IdC", async () => {
    await mockState(inject("mockUrl"), { reset: true });
    for (let index = 0; index < 6; index += 1) expect((await messages(`round ${index}`)).status).toBe(200);
    const state = await mockState(inject("mockUrl"));
    const counts = new Map<string, number>();
    for (const request of state.requests) counts.set(request.refreshToken, (counts.get(request.refreshToken) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ "env-social-refresh": 2, "file-social-refresh": 2, "file-idc-refresh": 2 });
    for (const request of state.requests) {
      const body = request.body as { profileArn?: string };
      if (request.refreshToken === "file-idc-refresh") expect(body.profileArn).toBeUndefined();
      else expect(body.profileArn).toMatch(/^arn:aws:codewhisperer:/);
      expect(request.headers["user-agent"]).toMatch(/KiroIDE-[\d.]+-[0-9a-f]{64}$/);
    }
  });

  it("decodes multi-byte text delivered one byte per read without replacement characters", async () => {
    const response = await messages("[mock:unicode]", { stream: true });
    const text = parseEvents(await response.text())
      .filter(([name]) => name === "content_block_delta")
      .map(([, data]) => (data.delta as { text: string }).text)
      .join("");
    expect(text).toBe("你好世界🌍 — ñandú ".repeat(20));
    expect(text).not.toContain("\uFFFD");
  });

  it("ends short streams as soon as the upstream does, never waiting for a keep-alive", async () => {
    for (let index = 0; index < 20; index += 1) {
      const body = await (await messages(`quick ${index}`, { stream: true })).text();
      expect(body).not.toContain("event: ping");
      expect(body.trimEnd().endsWith("data: {\"type\":\"message_stop\"}")).toBe(true);
    }
  });

  it("maps upstream failures before the first byte to HTTP errors, after trying every credential", async () => {
    await mockState(inject("mockUrl"), { reset: true });
    const serverError = await messages("[mock:status:503]");
    expect(serverError.status).toBe(502);
    expect((await mockState(inject("mockUrl"))).generateCalls).toBe(3);

    const rejected = await messages("[mock:status:400]");
    expect(rejected.status).toBe(400);
    expect((await rejected.json()).error.message).toBe("Kiro rejected the request: mock status 400 (reason: MOCK)");

    const empty = await messages("[mock:empty]");
    expect(empty.status).toBe(502);
    expect((await empty.json()).error.message).toBe("Kiro returned an empty response.");

    const tooLong = await messages("x".repeat(900_000), { model: "claude-haiku-4-5" });
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).error.message).toMatch(/^prompt is too long/);
  });

  it("times out a silent upstream at FIRST_TOKEN_TIMEOUT and reports 504", async () => {
    const response = await messages("[mock:delay:4000]");
    expect(response.status).toBe(504);
    expect((await response.json()).error).toEqual({ type: "timeout_error", message: expect.stringContaining("FIRST_TOKEN_TIMEOUT") });
  });

  it("reports failures after the first byte in-band, in both dialects", async () => {
    const anthropic = parseEvents(await (await messages("[mock:text-then-exception]", { stream: true })).text());
    expect(anthropic.at(-1)).toEqual(["error", { type: "error", error: { type: "api_error", message: expect.stringContaining("InternalServerException") } }]);
    expect(anthropic.some(([name]) => name === "message_stop")).toBe(false);

    const cut = parseEvents(await (await messages("[mock:cut]", { stream: true })).text());
    expect(cut.at(-1)?.[1]).toMatchObject({ type: "error", error: { message: expect.stringContaining("cut off") } });

    const openai = await fetch(`${gateway()}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${inject("apiKey")}` },
      body: JSON.stringify({ model: "claude-sonnet-4-6", stream: true, messages: [{ role: "user", content: "[mock:stall]" }] }),
    });
    const lines = (await openai.text()).split("\n\n").filter(Boolean);
    expect(JSON.parse(lines.at(-1)!.slice("data: ".length))).toEqual({
      error: { message: expect.stringContaining("STREAM_READ_TIMEOUT"), type: "server_error", param: null, code: null },
    });
    expect(lines).not.toContain("data: [DONE]");
  });

  it("answers a non-streaming request whose upstream fails midway with an error status", async () => {
    const response = await messages("[mock:text-then-exception]");
    expect(response.status).toBe(502);
  });

  it("aborts the upstream call when the client disconnects", async () => {
    await mockState(inject("mockUrl"), { reset: true });
    const controller = new AbortController();
    const streaming = await fetch(`${gateway()}/v1/messages`, {
      method: "POST",
      headers: headers(),
      body: JSON.stringify({ model: "claude-sonnet-4-6", max_tokens: 100, stream: true, messages: [{ role: "user", content: "[mock:stall] second" }] }),
      signal: controller.signal,
    });
    const reader = streaming.body!.getReader();
    await reader.read();
    const before = (await mockState(inject("mockUrl"))).abortedResponses;
    controller.abort();
    let after = before;
    for (let attempt = 0; attempt < 40 && after === before; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      after = (await mockState(inject("mockUrl"))).abortedResponses;
    }
    expect(after).toBe(before + 1);
  });
});
