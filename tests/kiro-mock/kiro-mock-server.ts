import { randomUUID } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { eventFrame, exceptionFrame } from "./event-stream-frame";
import { mockModelContextWindows, validateKiroRequest } from "./validate-kiro-request";
import { readRequestBody, sendJson } from "../support/http-messages";

/**
 * A local stand-in for Kiro that speaks its real protocol (kirogate-spec §2–§4): the social and IdC
 * token endpoints, and `generateAssistantResponse` answering in binary AWS event-stream frames,
 * written in pieces that split frames anywhere (inside the 12-byte prelude, inside multi-byte
 * characters). Requests breaking Kiro's rules get Kiro's own 400 "Improperly formed request.".
 *
 * The reply is chosen by directives in the current user message:
 *   [mock:tool] / [mock:tool:NAME]   call the first (or the named) declared tool
 *   [mock:tools:N]                   N tool calls in one turn
 *   [mock:status:CODE]               answer HTTP CODE (429 carries Retry-After: 1)
 *   [mock:exception:TYPE]            a 200 whose first frame is an exception
 *   [mock:text-then-exception]       some text, then an InternalServerException frame
 *   [mock:empty]                     a 200 with no frames
 *   [mock:cut]                       some text, then half a frame, then the end
 *   [mock:delay:MS]                  wait before answering
 *   [mock:stall]                     some text, then silence with the connection open
 *   [mock:reset]                     some text, then a TCP reset
 *   [mock:unicode]                   multi-byte text, one byte per write
 *   [mock:unicode-tool]              a tool call whose multi-byte argument arrives one byte per write
 *   [mock:tool-no-input]             a tool call with no input at all
 *   [mock:tool-truncated] / [mock:tool-truncated:stop]  a tool call cut off mid-arguments (without / with a stop)
 *   [mock:literal-thinking]          text that quotes a <thinking> tag inside a code block
 *   [mock:json]                      a JSON object wrapped in a markdown fence
 *   [mock:long]                      about 400 words
 * When the request turns thinking on (<thinking_mode> in the system text), replies open with a
 * <thinking> block. `POST /__mock/config {"rejectThinkingWithToolResults": true}` makes it refuse
 * thinking on turns that carry tool results, as Kiro sometimes does. `GET /__mock/image.png` serves a
 * tiny PNG (and `/__mock/redirect-to-image`, `/__mock/not-an-image`) for image-URL tests.
 * `POST /__mock/config {"faults": {"<refresh token>": {"status": 429, "retryAfter": 3}}}` injects a
 * failure for one login only (see `MockFault`); `{"refreshDelays": {"<refresh token>": 2500}}` holds
 * that token's refresh calls for so many milliseconds before answering.
 * `GET /__mock/state` returns the counters and recorded requests; `POST /__mock/state` also resets them.
 * Without a directive it answers with a short text that echoes the last line of the message, or,
 * when the message carries tool results, with their text.
 */
export type KiroMockOptions = {
  port?: number;
  host?: string;
  /** Write responses in small pieces (default true). */
  splitWrites?: boolean;
  /** Lifetime of issued access tokens, seconds (default 3600). */
  accessTokenLifetimeSeconds?: number;
};

/** A request the mock received on `generateAssistantResponse`: body, headers, the refresh token its access token came from, the rules it broke. */
export type RecordedRequest = { body: unknown; headers: IncomingMessage["headers"]; refreshToken: string; violations: string[] };

/** Counters and records tests read. */
export type KiroMockState = {
  socialRefreshCalls: number;
  idcRefreshCalls: number;
  generateCalls: number;
  /** Responses whose connection the client closed before the mock finished writing. */
  abortedResponses: number;
  requests: RecordedRequest[];
  /** Refresh calls (social and IdC) per refresh token. */
  refreshCallsByToken: Record<string, number>;
};

/**
 * A failure injected for every generate request made with one login (keyed by its refresh token):
 * an HTTP status (429 carries `retryAfter` seconds), or `hang` (accept and never answer); `times`
 * limits how many requests it hits (unlimited when absent).
 */
export type MockFault = { status?: number; retryAfter?: number; hang?: boolean; times?: number };

/** What `POST /__mock/config` sets. */
export type MockConfig = {
  rejectThinkingWithToolResults: boolean;
  faults: Record<string, MockFault>;
  /** Credits used and allowed per refresh token, for `getUsageLimits` (default 12 of 1000). */
  usage: Record<string, { used: number; limit: number }>;
  /** Milliseconds to hold each refresh call of a refresh token before answering it (a slow token endpoint). */
  refreshDelays: Record<string, number>;
};

/** A running mock. */
export type KiroMock = { url: string; state: KiroMockState; reset(): void; close(): Promise<void> };

type JsonSchema = { properties?: Record<string, { type?: string }>; required?: string[] };
/** The parts of a validated request body the mock reads to choose its reply. */
type MockRequestBody = {
  conversationState: {
    currentMessage: {
      userInputMessage: {
        content: string;
        modelId: string;
        images?: Array<{ format: string }>;
        userInputMessageContext?: {
          tools?: Array<{ toolSpecification: { name: string; inputSchema: { json: JsonSchema } } }>;
          toolResults?: Array<{ content: Array<{ text: string }> }>;
        };
      };
    };
  };
};

type IssuedToken = { kind: "social" | "idc"; expiresAt: number; refreshToken: string };

const profileArn = "arn:aws:codewhisperer:us-east-1:000000000000:profile/MOCKPROFILE";
// A 1×1 transparent PNG, served for image-URL tests.
const tinyPng = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const splitSizes = [5, 1, 13, 7, 2, 29, 3, 64];

/** Starts the mock on `options.port` (0 or unset: any free port) and resolves once it listens. */
export async function startKiroMock(options: KiroMockOptions = {}): Promise<KiroMock> {
  const splitWrites = options.splitWrites ?? true;
  const lifetimeSeconds = options.accessTokenLifetimeSeconds ?? 3600;
  const issued = new Map<string, IssuedToken>();
  const revokedRefreshTokens = new Set<string>();
  const state: KiroMockState = { socialRefreshCalls: 0, idcRefreshCalls: 0, generateCalls: 0, abortedResponses: 0, requests: [], refreshCallsByToken: {} };

  const config: MockConfig = { rejectThinkingWithToolResults: false, faults: {}, usage: {}, refreshDelays: {} };
  const resetState = () => {
    Object.assign(state, { socialRefreshCalls: 0, idcRefreshCalls: 0, generateCalls: 0, abortedResponses: 0, requests: [], refreshCallsByToken: {} });
    config.rejectThinkingWithToolResults = false;
    config.faults = {};
    config.usage = {};
    config.refreshDelays = {};
  };
  const holdRefresh = async (refreshToken: unknown) => {
    const delay = typeof refreshToken === "string" ? config.refreshDelays[refreshToken] : undefined;
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
  };
  const issue = (kind: IssuedToken["kind"], refreshToken: string) => {
    const accessToken = `mock-access-${randomUUID()}`;
    issued.set(accessToken, { kind, expiresAt: Date.now() + lifetimeSeconds * 1000, refreshToken });
    let nextRefreshToken: string | undefined;
    if (refreshToken.startsWith("rotate-")) {
      revokedRefreshTokens.add(refreshToken);
      nextRefreshToken = `rotate-${randomUUID()}`;
    }
    return { accessToken, expiresIn: lifetimeSeconds, ...(nextRefreshToken ? { refreshToken: nextRefreshToken } : {}) };
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { message: `mock failure: ${String(error)}` });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://mock");
    const text = await readRequestBody(request);
    const json = parseJson(text);
    if (request.method === "POST" && url.pathname.endsWith("/refreshToken")) {
      state.socialRefreshCalls += 1;
      const refreshToken = json?.refreshToken;
      if (typeof refreshToken === "string") state.refreshCallsByToken[refreshToken] = (state.refreshCallsByToken[refreshToken] ?? 0) + 1;
      await holdRefresh(refreshToken);
      if (typeof refreshToken !== "string" || !refreshToken || refreshToken.startsWith("invalid") || revokedRefreshTokens.has(refreshToken)) {
        return sendJson(response, 400, { error: "invalid_grant", message: "Invalid refresh token provided" });
      }
      if (refreshToken.startsWith("flaky-") && state.socialRefreshCalls % 2 === 1) return sendJson(response, 503, { message: "try again" });
      return sendJson(response, 200, { ...issue("social", refreshToken), profileArn });
    }
    if (request.method === "POST" && url.pathname.endsWith("/token")) {
      state.idcRefreshCalls += 1;
      if (json?.grantType !== "refresh_token" || typeof json.clientId !== "string" || typeof json.clientSecret !== "string") {
        return sendJson(response, 400, { error: "invalid_request", error_description: "clientId, clientSecret and grantType are required" });
      }
      if (json.clientSecret === "bad-secret") return sendJson(response, 400, { error: "invalid_client" });
      const refreshToken = json.refreshToken;
      if (typeof refreshToken === "string") state.refreshCallsByToken[refreshToken] = (state.refreshCallsByToken[refreshToken] ?? 0) + 1;
      await holdRefresh(refreshToken);
      if (typeof refreshToken !== "string" || refreshToken.startsWith("invalid") || revokedRefreshTokens.has(refreshToken)) {
        return sendJson(response, 400, { error: "invalid_grant", error_description: "Invalid refresh token provided" });
      }
      return sendJson(response, 200, { ...issue("idc", refreshToken), tokenType: "Bearer" });
    }
    if (request.method === "GET" && url.pathname.endsWith("/ListAvailableModels")) {
      return sendJson(response, 200, {
        models: Object.entries(mockModelContextWindows).map(([modelId, maxInputTokens]) => ({ modelId, modelName: modelId, tokenLimits: { maxInputTokens, maxOutputTokens: 64000 } })),
      });
    }
    if (request.method === "GET" && url.pathname.endsWith("/getUsageLimits")) {
      const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ""))?.[1];
      const grant = token ? issued.get(token) : undefined;
      if (!grant || grant.expiresAt < Date.now()) return sendJson(response, 403, { message: "The bearer token included in the request is invalid." });
      const usage = config.usage[grant.refreshToken] ?? { used: 12, limit: 1000 };
      return sendJson(response, 200, {
        usageBreakdownList: [{ resourceType: "CREDIT", currentUsageWithPrecision: usage.used, usageLimitWithPrecision: usage.limit }],
        nextDateReset: Math.floor(Date.now() / 1000) + 86400,
      });
    }
    if (request.method === "POST" && url.pathname.endsWith("/generateAssistantResponse")) {
      state.generateCalls += 1;
      const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ""))?.[1];
      const grant = token ? issued.get(token) : undefined;
      if (!grant || grant.expiresAt < Date.now()) {
        return sendJson(response, 403, { message: "The bearer token included in the request is invalid." });
      }
      const fault = config.faults[grant.refreshToken];
      if (fault && (fault.times === undefined || fault.times > 0)) {
        if (fault.times !== undefined) fault.times -= 1;
        state.requests.push({ body: json, headers: request.headers, refreshToken: grant.refreshToken, violations: [] });
        if (fault.hang) return;
        if (fault.retryAfter !== undefined) response.setHeader("retry-after", String(fault.retryAfter));
        return sendJson(response, fault.status ?? 500, { message: `mock fault ${fault.status ?? 500}` });
      }
      if (grant.kind === "idc" && json && "profileArn" in json) {
        return sendJson(response, 403, { message: "User is not authorized to make this call with a profileArn." });
      }
      const violations = json ? validateKiroRequest(json) : ["body is not JSON"];
      state.requests.push({ body: json, headers: request.headers, refreshToken: grant.refreshToken, violations });
      response.on("close", () => {
        if (!response.writableFinished) state.abortedResponses += 1;
      });
      if (violations.length) return sendJson(response, 400, { message: "Improperly formed request." });
      return answer(json as Record<string, unknown>, response);
    }
    if (url.pathname === "/__mock/config" && request.method === "POST") {
      Object.assign(config, json ?? {});
      return sendJson(response, 200, config);
    }
    if (url.pathname === "/__mock/issued-token-expiry" && request.method === "POST") {
      // Tests age every issued access token, as if time had passed.
      for (const token of issued.values()) token.expiresAt = Date.now() - 1;
      return sendJson(response, 200, { expired: issued.size });
    }
    if (url.pathname === "/__mock/image.png") {
      response.writeHead(200, { "content-type": "image/png" });
      return void response.end(tinyPng);
    }
    if (url.pathname === "/__mock/redirect-to-image") {
      response.writeHead(302, { location: "/__mock/image.png" });
      return void response.end();
    }
    if (url.pathname === "/__mock/not-an-image") {
      response.writeHead(200, { "content-type": "image/png" });
      return void response.end("<html>surprise</html>");
    }
    if (url.pathname === "/__mock/state") {
      if (request.method === "POST") resetState();
      return sendJson(response, 200, state);
    }
    sendJson(response, 404, { message: `mock: no route for ${request.method} ${url.pathname}` });
  }

  async function answer(body: Record<string, unknown>, response: ServerResponse): Promise<void> {
    const state = (body as MockRequestBody).conversationState;
    const current = state.currentMessage.userInputMessage;
    const content = String(current.content);
    const directive = (name: string) => new RegExp(`\\[mock:${name}(?::([^\\]]*))?\\]`).exec(content);
    const contextWindow = mockModelContextWindows[String(current.modelId)] ?? 200_000;
    // A stand-in for Kiro's tokenizer: every character of the conversation, at 3.6 per token.
    const inputTokens = Math.ceil(JSON.stringify(state).length / 3.6);
    if (inputTokens > contextWindow) {
      return sendJson(response, 400, { message: "Input is too long.", reason: "CONTENT_LENGTH_EXCEEDS_THRESHOLD" });
    }
    const requestText = JSON.stringify(state);
    const thinkingRequested = requestText.includes("<thinking_mode>");
    const results = current.userInputMessageContext?.toolResults ?? [];
    if (thinkingRequested && results.length && config.rejectThinkingWithToolResults) {
      return sendJson(response, 400, { message: "Improperly formed request." });
    }
    let outputCharacters = 0;
    const closing = () => [
      eventFrame("meteringEvent", { unit: "credit", unitPlural: "credits", usage: 0.0125 }),
      // Kiro's share covers the whole exchange, its own output included.
      eventFrame("contextUsageEvent", { contextUsagePercentage: ((inputTokens + Math.ceil(outputCharacters / 3.6)) / contextWindow) * 100 }),
    ];
    const text = (value: string) => {
      outputCharacters += value.length;
      return textFrames(value);
    };
    const thinking = () => (thinkingRequested ? text("<thinking>Let me weigh this: the user wants an answer.</thinking>\n\n") : []);

    const delay = directive("delay");
    if (delay) await new Promise((resolve) => setTimeout(resolve, Number(delay[1]) || 0));
    const status = directive("status");
    if (status) {
      const code = Number(status[1]) || 500;
      response.setHeader("retry-after", "1");
      return sendJson(response, code, { message: `mock status ${code}`, reason: "MOCK" });
    }
    response.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
    const exception = directive("exception");
    if (exception) return writeFrames(response, [exceptionFrame(exception[1] || "InternalServerException", "mock exception")], true);
    if (directive("empty")) return writeFrames(response, [], true);
    if (directive("text-then-exception")) {
      return writeFrames(response, [...text("Partial answer before a failure. "), exceptionFrame("InternalServerException", "mock failure mid-stream")], true);
    }
    if (directive("cut")) {
      const frame = eventFrame("assistantResponseEvent", { content: "never finished" });
      return writeFrames(response, [...text("Cut off here: "), frame.subarray(0, Math.floor(frame.length / 2))], true);
    }
    if (directive("reset")) {
      await writeFrames(response, text("Then the connection drops."), false);
      response.socket?.resetAndDestroy();
      return;
    }
    if (directive("stall")) {
      await writeFrames(response, text("Then silence."), false);
      return;
    }
    if (directive("unicode")) {
      return writeFrames(response, [...text("你好世界🌍 — ñandú ".repeat(20)), ...closing()], true, 1);
    }
    if (directive("literal-thinking")) {
      return writeFrames(response, [...text("Here is the tag:\n```\n<thinking>x</thinking>\n```\nDone."), ...closing()], true);
    }
    if (directive("json")) {
      return writeFrames(response, [...text('```json\n{"city": "Paris", "temperature": 18}\n```'), ...closing()], true);
    }
    if (directive("long")) {
      return writeFrames(response, [...thinking(), ...text("word ".repeat(400)), ...closing()], true);
    }

    const tools = (current.userInputMessageContext?.tools ?? []).map((tool) => tool.toolSpecification);
    const toolDirective = directive("tools") ?? directive("tool");
    const toolId = () => `tooluse_${randomUUID().replace(/-/g, "").slice(0, 22)}`;
    if (directive("tool-no-input") && tools.length) {
      const id = toolId();
      const frames = [eventFrame("toolUseEvent", { name: tools[0].name, toolUseId: id }), eventFrame("toolUseEvent", { name: tools[0].name, toolUseId: id, stop: true })];
      return writeFrames(response, [...thinking(), ...frames, ...closing()], true);
    }
    if (directive("tool-truncated") && tools.length) {
      const id = toolId();
      const frames = [eventFrame("toolUseEvent", { name: tools[0].name, toolUseId: id }), eventFrame("toolUseEvent", { name: tools[0].name, toolUseId: id, input: '{"city": "Par' })];
      if (directive("tool-truncated")?.[1] === "stop") frames.push(eventFrame("toolUseEvent", { name: tools[0].name, toolUseId: id, stop: true }));
      return writeFrames(response, [...text("Calling."), ...frames, ...closing()], true);
    }
    if (directive("unicode-tool") && tools.length) {
      const id = toolId();
      const input = JSON.stringify({ note: "你好世界🌍 — ñandú ".repeat(10) });
      const frames = [eventFrame("toolUseEvent", { name: tools[0].name, toolUseId: id })];
      for (let index = 0; index < input.length; index += 7) frames.push(eventFrame("toolUseEvent", { name: tools[0].name, toolUseId: id, input: input.slice(index, index + 7) }));
      frames.push(eventFrame("toolUseEvent", { name: tools[0].name, toolUseId: id, stop: true }));
      return writeFrames(response, [...frames, ...closing()], true, 1);
    }
    if (toolDirective && tools.length) {
      const many = directive("tools");
      const count = many ? Math.max(1, Number(many[1]) || 1) : 1;
      const named = !many && toolDirective[1] ? tools.find((tool) => tool.name === toolDirective[1]) : undefined;
      const frames = [...thinking(), ...text("Let me use a tool.")];
      for (let index = 0; index < count; index += 1) {
        const tool = named ?? tools[index % tools.length];
        frames.push(...toolFrames(toolId(), tool.name, inputFromSchema(tool.inputSchema.json, index)));
      }
      return writeFrames(response, [...frames, ...closing()], true);
    }

    const imageCount = current.images?.length ?? 0;
    const reply = results.length
      ? `Tool results received: ${results.map((result) => result.content.map((item) => item.text).join(" ")).join(" | ")}`
      : imageCount
        ? `I see ${imageCount} image(s): ${(current.images ?? []).map((image) => image.format).join(", ")}.`
        : `Hello from the Kiro mock — héllo 你好 🌍. You said: ${lastLine(content)}`;
    return writeFrames(response, [...thinking(), ...text(reply), ...closing()], true);
  }

  async function writeFrames(response: ServerResponse, frames: Buffer[], end: boolean, pieceSize?: number): Promise<void> {
    const bytes = Buffer.concat(frames);
    if (!splitWrites && !pieceSize) {
      if (bytes.length) response.write(bytes);
    } else {
      let offset = 0;
      for (let index = 0; offset < bytes.length; index += 1) {
        const size = pieceSize ?? splitSizes[index % splitSizes.length];
        if (response.destroyed) return;
        response.write(bytes.subarray(offset, offset + size));
        offset += size;
        // Yield so the pieces leave as separate writes instead of one coalesced buffer.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (end) response.end();
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    state,
    reset: resetState,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function textFrames(text: string): Buffer[] {
  const characters = [...text];
  const frames: Buffer[] = [];
  for (let index = 0; index < characters.length; index += 12) {
    frames.push(eventFrame("assistantResponseEvent", { content: characters.slice(index, index + 12).join("") }));
  }
  return frames;
}

function toolFrames(toolUseId: string, name: string, input: Record<string, unknown>): Buffer[] {
  const json = JSON.stringify(input);
  const third = Math.ceil(json.length / 3);
  return [
    eventFrame("toolUseEvent", { name, toolUseId }),
    ...[0, 1, 2].map((part) => json.slice(part * third, (part + 1) * third)).filter(Boolean).map((fragment) => eventFrame("toolUseEvent", { name, toolUseId, input: fragment })),
    eventFrame("toolUseEvent", { name, toolUseId, stop: true }),
  ];
}

function inputFromSchema(schema: JsonSchema, index: number): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const properties = schema.properties ?? {};
  for (const name of schema.required ?? []) {
    const type = properties[name]?.type;
    input[name] =
      type === "number" || type === "integer" ? index + 1 : type === "boolean" ? true : type === "array" ? [] : type === "object" ? {} : /city/i.test(name) ? ["Paris", "Rome", "Tokyo"][index % 3] : `mock-${name}`;
  }
  return input;
}

function lastLine(text: string): string {
  const lines = text.split("\n").map((line) => line.trim()).filter(Boolean);
  return (lines.at(-1) ?? "").slice(0, 80);
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

