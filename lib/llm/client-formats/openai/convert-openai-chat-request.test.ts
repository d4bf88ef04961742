import { describe, expect, it } from "vitest";
import { openAIChatRequestSchema } from "./openai-chat-api";
import { convertOpenAIChatRequest } from "./convert-openai-chat-request";

const convert = (body: unknown) => convertOpenAIChatRequest(openAIChatRequestSchema.parse(body));

describe("convertOpenAIChatRequest", () => {
  it("collects system and developer messages from anywhere, in order, as system text", () => {
    const { request } = convert({
      model: "claude-sonnet-4-5",
      messages: [
        { role: "system", content: "One." },
        { role: "user", content: "Hi" },
        { role: "developer", content: [{ type: "text", text: "Two." }] },
      ],
    });
    expect(request.system).toEqual(["One.", "Two."]);
    expect(request.messages).toEqual([{ role: "user", content: [{ type: "text", text: "Hi" }] }]);
  });

  it("turns tool calls into parsed inputs and tool messages into tool results", () => {
    const { request } = convert({
      model: "m",
      messages: [
        { role: "user", content: "Weather?" },
        { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: "{\"city\":\"Paris\"}" } }, { id: "call_2", type: "function", function: { name: "broken", arguments: "{not json" } }] },
        { role: "tool", tool_call_id: "call_1", content: [{ type: "text", text: "18" }, { type: "text", text: "°C" }] },
      ],
      tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: {} } } }],
      tool_choice: { type: "function", function: { name: "get_weather" } },
      stop: "END",
      max_completion_tokens: 50,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(request.messages[1]).toEqual({
      role: "assistant",
      content: [
        { type: "tool-call", toolCallId: "call_1", toolName: "get_weather", input: { city: "Paris" } },
        { type: "tool-call", toolCallId: "call_2", toolName: "broken", input: {} },
      ],
    });
    expect(request.messages[2]).toEqual({ role: "user", content: [{ type: "tool-result", toolCallId: "call_1", output: "18°C", images: [], isError: false }] });
    expect(request).toMatchObject({ toolChoice: { type: "tool", toolName: "get_weather" }, stopSequences: ["END"], maxOutputTokens: 50, stream: true });
    expect(request.tools[0]).toEqual({ name: "get_weather", description: "", inputSchema: { type: "object", properties: {} } });
  });

  it("reads base64 image data URLs", () => {
    const { request } = convert({ model: "m", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/PNG;base64,aGVsbG8=" } }] }] });
    expect(request.messages[0].content).toEqual([{ type: "image", mediaType: "image/png", data: "aGVsbG8=" }]);
  });

  it("answers n > 1 with a clear 400", () => {
    expect(() => convert({ model: "m", n: 2, messages: [{ role: "user", content: "x" }] })).toThrow(/n > 1 is not supported/);
  });

  it("rejects content parts it cannot send, naming where they are", () => {
    expect(() => convert({ model: "m", messages: [{ role: "user", content: [{ type: "input_audio", input_audio: {} }] }] })).toThrow(/messages\.0\.content\.0.*input_audio/);
  });
});
