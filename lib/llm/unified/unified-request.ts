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
  /** Upper bound on generated tokens, when the client set one. */
  maxOutputTokens?: number;
  stopSequences: string[];
  stream: boolean;
  /** Extended thinking as requested by the client (Anthropic `thinking`, OpenAI `reasoning_effort`). */
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

/** Content a user turn may hold. */
export type UnifiedUserPart =
  | { type: "text"; text: string }
  | UnifiedImage
  | {
      type: "tool-result";
      toolCallId: string;
      /** Text of the result (text blocks joined). */
      output: string;
      images: UnifiedImage[];
      isError: boolean;
    };

/** Content an assistant turn may hold. */
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

/** Thinking request: a token budget, or `adaptive` with an effort level. */
export type UnifiedThinking =
  | { type: "enabled"; budgetTokens: number }
  | { type: "adaptive"; effort: "low" | "medium" | "high" };
