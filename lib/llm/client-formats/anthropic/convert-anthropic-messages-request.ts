import { invalidRequest } from "../../unified/llm-error";
import type {
  UnifiedAssistantPart,
  UnifiedImage,
  UnifiedImageUrl,
  UnifiedMessage,
  UnifiedRequest,
  UnifiedThinking,
  UnifiedToolChoice,
  UnifiedUserPart,
} from "../../unified/unified-request";
import { declareAnthropicTool } from "./anthropic-defined-tools";
import type { AnthropicContentBlock, AnthropicMessagesRequest } from "./anthropic-messages-api";

type Block = AnthropicContentBlock & Record<string, unknown>;

/**
 * Converts a validated Anthropic Messages body into the unified request. `cache_control` is
 * accepted anywhere and dropped (Kiro has no prompt cache); `thinking` blocks in history keep their
 * text and signature; Anthropic's client-run bash and text editor tools get their documented input
 * schemas, and server tools (web search, code execution, …) are refused by name because Kiro
 * cannot run them.
 * @throws LlmError (400) for content or tools the gateway cannot send upstream.
 */
export function convertAnthropicMessagesRequest(body: AnthropicMessagesRequest): UnifiedRequest {
  // System text in order: the top-level `system`, then any `system` turns of the conversation.
  const system =
    typeof body.system === "string" ? (body.system ? [body.system] : []) : (body.system ?? []).map((block) => block.text);
  const messages: UnifiedMessage[] = [];
  body.messages.forEach((message, index) => {
    const blocks: Block[] =
      typeof message.content === "string" ? [{ type: "text", text: message.content }] : (message.content as Block[]);
    const path = `messages.${index}.content`;
    if (message.role === "system") system.push(blocks.map((block, blockIndex) => systemText(block, `${path}.${blockIndex}`)).join("\n"));
    else if (message.role === "user") {
      messages.push({ role: "user", content: blocks.flatMap((block, blockIndex) => convertUserBlock(block, `${path}.${blockIndex}`)) });
    } else {
      messages.push({ role: "assistant", content: blocks.flatMap((block, blockIndex) => convertAssistantBlock(block, `${path}.${blockIndex}`)) });
    }
  });

  const tools = (body.tools ?? []).map((tool, index) => declareAnthropicTool(tool, index));

  return {
    model: body.model,
    system,
    messages,
    tools,
    toolChoice: convertToolChoice(body.tool_choice),
    parallelToolCalls: body.tool_choice?.disable_parallel_tool_use !== true,
    maxOutputTokens: body.max_tokens,
    stopSequences: body.stop_sequences ?? [],
    stream: body.stream === true,
    thinking: convertThinking(body),
    sessionId: body.metadata?.user_id ?? undefined,
  };
}

function systemText(block: Block, path: string): string {
  if (block.type !== "text") throw invalidRequest(`${path}: a system message may only hold text blocks`);
  return String(block.text);
}

function convertToolChoice(choice: AnthropicMessagesRequest["tool_choice"]): UnifiedToolChoice {
  switch (choice?.type) {
    case "any":
      return { type: "required" };
    case "none":
      return { type: "none" };
    case "tool":
      if (!choice.name) throw invalidRequest("tool_choice.name: required when tool_choice.type is 'tool'");
      return { type: "tool", toolName: choice.name };
    default:
      return { type: "auto" };
  }
}

function convertThinking(body: AnthropicMessagesRequest): UnifiedThinking | undefined {
  const thinking = body.thinking;
  if (!thinking || thinking.type === "disabled") return undefined;
  const omitDisplay = (thinking as { display?: string }).display === "omitted";
  if (thinking.type === "enabled") return { type: "enabled", budgetTokens: thinking.budget_tokens as number, omitDisplay };
  const effort = body.output_config?.effort;
  return { type: "adaptive", effort: effort === "low" || effort === "medium" ? effort : "high", omitDisplay };
}

function convertUserBlock(block: Block, path: string): UnifiedUserPart[] {
  switch (block.type) {
    case "text":
      return [{ type: "text", text: String(block.text) }];
    case "image":
      return [convertImage(block, path)];
    case "document":
      return [{ type: "text", text: convertDocument(block, path) }];
    case "tool_result": {
      const content = block.content as string | Block[] | undefined;
      const blocks: Block[] = typeof content === "string" ? [{ type: "text", text: content }] : (content ?? []);
      const texts: string[] = [];
      const images: Array<UnifiedImage | UnifiedImageUrl> = [];
      blocks.forEach((item, index) => {
        if (item.type === "text") texts.push(String(item.text));
        else if (item.type === "image") images.push(convertImage(item, `${path}.content.${index}`));
        else if (item.type === "document") texts.push(convertDocument(item, `${path}.content.${index}`));
        else throw invalidRequest(`${path}.content.${index}: block type '${item.type}' is not supported in tool_result`);
      });
      return [
        { type: "tool-result", toolCallId: String(block.tool_use_id), output: texts.join("\n"), images, isError: block.is_error === true },
      ];
    }
    default:
      throw invalidRequest(`${path}: content block type '${block.type}' is not supported in a user message`);
  }
}

function convertAssistantBlock(block: Block, path: string): UnifiedAssistantPart[] {
  switch (block.type) {
    case "text":
      return [{ type: "text", text: String(block.text) }];
    case "thinking":
      return [{ type: "reasoning", text: String(block.thinking), signature: typeof block.signature === "string" ? block.signature : undefined }];
    case "redacted_thinking":
      // Encrypted reasoning from real Anthropic is unreadable here and means nothing to Kiro.
      return [];
    case "tool_use": {
      const input = block.input;
      return [
        {
          type: "tool-call",
          toolCallId: String(block.id),
          toolName: String(block.name),
          input: input && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, unknown>) : {},
        },
      ];
    }
    default:
      throw invalidRequest(`${path}: content block type '${block.type}' is not supported in an assistant message`);
  }
}

function convertImage(block: Block, path: string): UnifiedImage | UnifiedImageUrl {
  const source = block.source as { type: string; media_type?: string; data?: string; url?: string };
  if (source.type === "base64") return { type: "image", mediaType: String(source.media_type).toLowerCase(), data: String(source.data).replace(/\s+/g, "") };
  if (source.type === "url") return { type: "image-url", url: String(source.url) };
  throw invalidRequest(`${path}.source: image source type '${source.type}' is not supported; use base64 or url`);
}

/**
 * A document as the text Kiro can take: plain text given inline, as content blocks, or as base64
 * `text/plain`. Kiro cannot read PDFs or other binary documents.
 */
function convertDocument(block: Block, path: string): string {
  const source = block.source as { type: string; data?: unknown; media_type?: string; content?: unknown };
  const title = typeof block.title === "string" && block.title ? `${block.title}\n\n` : "";
  if (source.type === "text") return `${title}${String(source.data)}`;
  if (source.type === "content") {
    const content = source.content;
    if (typeof content === "string") return `${title}${content}`;
    return title + (content as Array<{ type: string; text?: unknown }>).filter((item) => item.type === "text").map((item) => String(item.text)).join("\n");
  }
  if (source.type === "base64" && /^text\/plain\b/i.test(String(source.media_type))) {
    return `${title}${Buffer.from(String(source.data), "base64").toString("utf8")}`;
  }
  const kind = source.type === "base64" ? `'${String(source.media_type)}'` : `source '${source.type}'`;
  throw invalidRequest(
    `${path}.source: document ${kind} is not supported: Kiro takes text and images only, so send the document's text (source type 'text').`,
  );
}
