import { invalidRequest } from "../../unified/llm-error";
import { parseToolArguments } from "../../unified/parse-tool-arguments";
import type {
  UnifiedAssistantPart,
  UnifiedImage,
  UnifiedMessage,
  UnifiedImageUrl,
  UnifiedRequest,
  UnifiedResponseFormat,
  UnifiedThinking,
  UnifiedToolChoice,
  UnifiedUserPart,
} from "../../unified/unified-request";
import type { OpenAIChatRequest } from "./openai-chat-api";

/** The unified request plus the OpenAI-only switches the response encoder needs. */
export type ConvertedOpenAIChatRequest = { request: UnifiedRequest; includeUsage: boolean };

type TextContent = string | Array<{ type: string; text?: unknown }>;

/**
 * Converts a validated OpenAI Chat Completions body into the unified request: `system` and
 * `developer` messages (anywhere) become system text in order, `tool` messages become user turns of
 * tool results, assistant `tool_calls` become tool calls with parsed arguments.
 * @throws LlmError (400) for `n` > 1 and content the gateway cannot send (audio, files, remote images).
 */
export function convertOpenAIChatRequest(body: OpenAIChatRequest): ConvertedOpenAIChatRequest {
  if (body.n !== undefined && body.n !== null && body.n > 1) {
    throw invalidRequest("n > 1 is not supported: this gateway returns one choice per request.", { param: "n" });
  }
  const system: string[] = [];
  const messages: UnifiedMessage[] = [];
  body.messages.forEach((message, index) => {
    switch (message.role) {
      case "system":
      case "developer":
        system.push(readText(message.content as TextContent, `messages.${index}.content`));
        break;
      case "user":
        messages.push({ role: "user", content: convertUserContent(message.content, index) });
        break;
      case "assistant": {
        const content: UnifiedAssistantPart[] = [];
        if (message.reasoning_content) content.push({ type: "reasoning", text: message.reasoning_content });
        const text = message.content ? readText(message.content as TextContent, `messages.${index}.content`, true) : "";
        if (text) content.push({ type: "text", text });
        for (const call of message.tool_calls ?? []) {
          content.push({
            type: "tool-call",
            toolCallId: call.id,
            toolName: call.function.name,
            input: parseToolArguments(call.function.arguments),
          });
        }
        messages.push({ role: "assistant", content });
        break;
      }
      case "tool":
        messages.push({
          role: "user",
          content: [
            {
              type: "tool-result",
              toolCallId: message.tool_call_id,
              output: readText(message.content as TextContent, `messages.${index}.content`),
              images: [],
              isError: false,
            },
          ],
        });
        break;
    }
  });

  const stop = body.stop ?? [];
  const request: UnifiedRequest = {
    model: body.model,
    system,
    messages,
    tools: (body.tools ?? []).map((tool) => ({
      name: tool.function.name,
      description: tool.function.description ?? "",
      inputSchema: (tool.function.parameters ?? { type: "object", properties: {} }) as Record<string, unknown>,
    })),
    toolChoice: convertToolChoice(body.tool_choice),
    parallelToolCalls: body.parallel_tool_calls !== false,
    maxOutputTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
    stopSequences: typeof stop === "string" ? [stop] : stop,
    responseFormat: convertResponseFormat(body.response_format),
    stream: body.stream === true,
    thinking: convertReasoningEffort(body.reasoning_effort),
    sessionId: body.user ?? undefined,
  };
  return { request, includeUsage: body.stream_options?.include_usage === true };
}

function convertResponseFormat(format: OpenAIChatRequest["response_format"]): UnifiedResponseFormat | undefined {
  if (!format || format.type === "text") return undefined;
  if (format.type === "json_object") return { type: "json_object" };
  const jsonSchema = format.json_schema as { name: string; schema?: Record<string, unknown> };
  return { type: "json_schema", name: jsonSchema.name, schema: jsonSchema.schema };
}

/** `reasoning_effort` turns on Kiro's adaptive thinking at that effort; `none` leaves it off. */
function convertReasoningEffort(effort: OpenAIChatRequest["reasoning_effort"]): UnifiedThinking | undefined {
  if (!effort || effort === "none") return undefined;
  return { type: "adaptive", effort: effort === "minimal" || effort === "low" ? "low" : effort === "medium" ? "medium" : "high" };
}

function convertToolChoice(choice: OpenAIChatRequest["tool_choice"]): UnifiedToolChoice {
  if (!choice || choice === "auto") return { type: "auto" };
  if (choice === "none") return { type: "none" };
  if (choice === "required") return { type: "required" };
  return { type: "tool", toolName: choice.function.name };
}

function readText(content: TextContent, path: string, allowRefusal = false): string {
  if (typeof content === "string") return content;
  return content
    .map((part, partIndex) => {
      if (part.type === "text" && typeof part.text === "string") return part.text;
      if (allowRefusal && part.type === "refusal") return "";
      throw invalidRequest(`${path}.${partIndex}: content part type '${part.type}' is not supported here; use text.`);
    })
    .join("");
}

function convertUserContent(content: string | Array<{ type: string } & Record<string, unknown>>, index: number): UnifiedUserPart[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  return content.map((part, partIndex): UnifiedUserPart => {
    if (part.type === "text") return { type: "text", text: String(part.text ?? "") };
    if (part.type === "image_url") {
      const url = String((part.image_url as { url: string }).url);
      return parseImageUrl(url, `messages.${index}.content.${partIndex}.image_url.url`);
    }
    throw invalidRequest(
      `messages.${index}.content.${partIndex}: content part type '${part.type}' is not supported; use text or image_url.`,
    );
  });
}

const dataUrlPattern = /^data:(image\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=\s]+)$/i;

/**
 * Reads an image URL: a `data:image/…;base64,…` URL becomes image data; an http(s) URL is kept for
 * the gateway to fetch.
 * @throws LlmError (400) for other URLs and empty data.
 */
export function parseImageUrl(url: string, path: string): UnifiedImage | UnifiedImageUrl {
  if (/^https?:\/\//i.test(url)) return { type: "image-url", url };
  const match = dataUrlPattern.exec(url);
  if (!match) {
    throw invalidRequest(`${path}: an image must be an http(s) URL or a base64 data: URL (data:image/png;base64,…).`);
  }
  const data = match[2].replace(/\s+/g, "");
  if (!data) throw invalidRequest(`${path}: the image data is empty.`);
  return { type: "image", mediaType: match[1].toLowerCase(), data };
}
