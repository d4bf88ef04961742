import { describe, expect, it } from "vitest";
import { anthropicMessagesRequestSchema } from "./anthropic-messages-api";
import { convertAnthropicMessagesRequest } from "./convert-anthropic-messages-request";

const convert = (body: Record<string, unknown>) => convertAnthropicMessagesRequest(anthropicMessagesRequestSchema.parse({ model: "claude-sonnet-4-5", max_tokens: 100, ...body }));

describe("convertAnthropicMessagesRequest", () => {
  it("reads system blocks with cache_control, and mid-conversation system turns, in order", () => {
    const request = convert({
      system: [{ type: "text", text: "A", cache_control: { type: "ephemeral", ttl: "1h" } }, { type: "text", text: "B" }],
      messages: [
        { role: "user", content: [{ type: "text", text: "Hi", cache_control: { type: "ephemeral" } }] },
        { role: "system", content: [{ type: "text", text: "C" }] },
      ],
    });
    expect(request.system).toEqual(["A", "B", "C"]);
    expect(request.messages).toEqual([{ role: "user", content: [{ type: "text", text: "Hi" }] }]);
  });

  it("converts tool use, tool results with error flags, images and thinking", () => {
    const request = convert({
      messages: [
        { role: "user", content: "Look" },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "hmm", signature: "sig" },
            { type: "redacted_thinking", data: "opaque" },
            { type: "tool_use", id: "toolu_1", name: "read", input: { path: "a" } },
          ],
        },
        {
          role: "user",
          content: [
            {
              type: "tool_result",
              tool_use_id: "toolu_1",
              is_error: true,
              content: [{ type: "text", text: "missing" }, { type: "image", source: { type: "base64", media_type: "image/png", data: "aGk=" } }],
            },
          ],
        },
      ],
      thinking: { type: "enabled", budget_tokens: 2048 },
      metadata: { user_id: "session-1" },
      stop_sequences: ["###"],
    });
    expect(request.messages[1].content).toEqual([
      { type: "reasoning", text: "hmm", signature: "sig" },
      { type: "tool-call", toolCallId: "toolu_1", toolName: "read", input: { path: "a" } },
    ]);
    expect(request.messages[2].content).toEqual([
      { type: "tool-result", toolCallId: "toolu_1", output: "missing", images: [{ type: "image", mediaType: "image/png", data: "aGk=" }], isError: true },
    ]);
    expect(request).toMatchObject({ thinking: { type: "enabled", budgetTokens: 2048 }, sessionId: "session-1", stopSequences: ["###"], maxOutputTokens: 100 });
  });

  it("refuses Anthropic server tools by name", () => {
    expect(() => convert({ messages: [{ role: "user", content: "x" }], tools: [{ type: "web_search_20250305", name: "web_search" }] })).toThrow(/'web_search' \(web_search_20250305\)/);
  });

  it("declares Anthropic's client-run bash and text editor tools with their documented inputs, and names other Anthropic-defined tools it cannot provide", () => {
    const request = convert({
      messages: [{ role: "user", content: "x" }],
      tools: [
        { type: "bash_20250124", name: "bash" },
        { type: "text_editor_20250728", name: "str_replace_based_edit_tool" },
        { type: "text_editor_20250124", name: "str_replace_editor" },
      ],
    });
    expect(request.tools.map((tool) => tool.name)).toEqual(["bash", "str_replace_based_edit_tool", "str_replace_editor"]);
    expect(Object.keys(request.tools[0].inputSchema.properties as object)).toEqual(["command", "restart"]);
    const commands = (tool: number) => ((request.tools[tool].inputSchema.properties as Record<string, { enum?: string[] }>).command.enum);
    expect(commands(1)).toEqual(["view", "create", "str_replace", "insert"]);
    expect(commands(2)).toContain("undo_edit");
    expect(request.tools.every((tool) => tool.description.length > 20)).toBe(true);
    expect(() => convert({ messages: [{ role: "user", content: "x" }], tools: [{ type: "computer_20250124", name: "computer" }] })).toThrow(
      /'computer' \(computer_20250124\) is an Anthropic-defined tool this gateway cannot provide/,
    );
  });

  it("maps tool_choice any to required", () => {
    expect(convert({ messages: [{ role: "user", content: "x" }], tool_choice: { type: "any" } }).toolChoice).toEqual({ type: "required" });
  });

  it("requires max_tokens on /v1/messages", () => {
    expect(anthropicMessagesRequestSchema.safeParse({ model: "m", messages: [{ role: "user", content: "x" }] }).success).toBe(false);
  });
});
