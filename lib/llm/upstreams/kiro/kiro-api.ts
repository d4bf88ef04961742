/**
 * Wire types of Kiro's `generateAssistantResponse` request body (spec §2.3). Field names are Kiro's.
 */

/** A tool offered to the model; only allowed on the current message. */
export type KiroTool = {
  toolSpecification: { name: string; description: string; inputSchema: { json: Record<string, unknown> } };
};

/** A tool's answer, carried by the user turn that follows the assistant turn that called it. */
export type KiroToolResult = { toolUseId: string; status: "success" | "error"; content: { text: string }[] };

/** A tool call made by the assistant; `input` is a JSON object, not a string. */
export type KiroToolUse = { toolUseId: string; name: string; input: Record<string, unknown> };

/** An image of the current turn; `bytes` is base64 without a `data:` prefix. */
export type KiroImage = { format: "png" | "jpeg" | "gif" | "webp"; source: { bytes: string } };

/** A user turn (current message or history). `content` must not be empty. */
export type KiroUserInputMessage = {
  content: string;
  modelId: string;
  origin: "AI_EDITOR";
  images?: KiroImage[];
  userInputMessageContext?: { tools?: KiroTool[]; toolResults?: KiroToolResult[] };
};

/** An assistant turn of the history. `content` must not be empty. */
export type KiroAssistantResponseMessage = { content: string; toolUses?: KiroToolUse[] };

/** One history entry: exactly one of the two keys. History alternates user/assistant, starting with user. */
export type KiroHistoryEntry =
  | { userInputMessage: KiroUserInputMessage }
  | { assistantResponseMessage: KiroAssistantResponseMessage };

/** The whole request body. `profileArn` is sent for social logins only (spec §4.6). */
export type KiroGenerateAssistantResponseRequest = {
  conversationState: {
    agentContinuationId: string;
    agentTaskType: "vibe";
    chatTriggerType: "MANUAL";
    conversationId: string;
    currentMessage: { userInputMessage: KiroUserInputMessage };
    history?: KiroHistoryEntry[];
  };
  profileArn?: string;
};
