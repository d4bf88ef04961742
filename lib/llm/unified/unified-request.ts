/**
 * The one request shape both client dialects are parsed into and the Kiro payload is built from.
 * It keeps what either dialect can express that Kiro can use; dialect-only switches that Kiro has no
 * equivalent for are carried so the gateway can emulate or report them.
 */
export type UnifiedRequest = {
  /** Model id exactly as the client sent it; responses echo it. */
  model: string;
  /** System instructions in order (OpenAI system/developer messages, Anthropic `system`). */
  system: string[];
  messages: UnifiedMessage[];
  tools: UnifiedTool[];
  toolChoice: UnifiedToolChoice;
  /** False when the client asked for at most one tool call per turn (OpenAI `parallel_tool_calls`, Anthropic `disable_parallel_tool_use`). */
  parallelToolCalls: boolean;
  /** Upper bound on generated tokens, when the client set one. */
  maxOutputTokens?: number;
  stopSequences: string[];
  /** Structured output asked for (OpenAI `response_format`). */
  responseFormat?: UnifiedResponseFormat;
  stream: boolean;
  /** Extended thinking as requested by the client (Anthropic `thinking`, OpenAI `reasoning_effort`, `-thinking` model ids). */
  thinking?: UnifiedThinking;
  /** A stable id for the client's conversation or user, when it sent one (OpenAI `user`, Anthropic `metadata.user_id`). */
  sessionId?: string;
};

/** A turn of the conversation; OpenAI `tool` messages become user turns holding tool results. */
export type UnifiedMessage =
  | { role: "user"; content: UnifiedUserPart[] }
  | { role: "assistant"; content: UnifiedAssistantPart[] };

/** Base64 image data with its media type (`image/png`, `image/jpeg`, `image/gif`, `image/webp`). */
export type UnifiedImage = { type: "image"; mediaType: string; data: string };

/** An image the client gave by http(s) URL; the gateway fetches it into a `UnifiedImage` before building the upstream body. */
export type UnifiedImageUrl = { type: "image-url"; url: string };

/** Content a user turn may hold. */
export type UnifiedUserPart =
  | { type: "text"; text: string }
  | UnifiedImage
  | UnifiedImageUrl
  | {
      type: "tool-result";
      toolCallId: string;
      /** Text of the result (text blocks joined). */
      output: string;
      images: Array<UnifiedImage | UnifiedImageUrl>;
      isError: boolean;
    };

/** Content an assistant turn may hold. `signature` is the one the gateway gave a thinking block it produced. */
export type UnifiedAssistantPart =
  | { type: "text"; text: string }
  | { type: "reasoning"; text: string; signature?: string }
  | { type: "tool-call"; toolCallId: string; toolName: string; input: Record<string, unknown> };

/** A function the model may call. `inputSchema` is a JSON Schema object. */
export type UnifiedTool = { name: string; description: string; inputSchema: Record<string, unknown> };

/** How the model must use the tools (OpenAI `tool_choice`, Anthropic `tool_choice`). */
export type UnifiedToolChoice =
  | { type: "auto" }
  | { type: "none" }
  | { type: "required" }
  | { type: "tool"; toolName: string };

/** JSON output: any object, or one matching a JSON Schema. */
export type UnifiedResponseFormat = { type: "json_object" } | { type: "json_schema"; name: string; schema?: Record<string, unknown> };

/**
 * Thinking request: a token budget, or `adaptive` with an effort level. `omitDisplay` (Anthropic
 * `display: "omitted"`) returns thinking blocks with their signature but without their text.
 */
export type UnifiedThinking = ({ type: "enabled"; budgetTokens: number } | { type: "adaptive"; effort: "low" | "medium" | "high" }) & {
  omitDisplay?: boolean;
};
