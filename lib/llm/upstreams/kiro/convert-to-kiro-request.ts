import { invalidRequest } from "../../unified/llm-error";
import type { UnifiedImage, UnifiedRequest } from "../../unified/unified-request";
import type {
  KiroGenerateAssistantResponseRequest,
  KiroHistoryEntry,
  KiroImage,
  KiroTool,
  KiroToolResult,
  KiroToolUse,
  KiroUserInputMessage,
} from "./kiro-api";
import { KiroToolNames } from "./kiro-tool-names";
import { sanitizeToolSchema } from "./sanitize-tool-schema";

/** Options of one conversion: ids chosen by the caller so the function stays pure. */
export type ConvertToKiroRequestOptions = {
  /** Kiro `modelId` (from `resolveKiroModel`). */
  kiroModelId: string;
  conversationId: string;
  agentContinuationId: string;
  /** Sent only for social logins; IdC accounts answer 403 to it (spec §4.6). */
  profileArn?: string;
  /** Longer tool descriptions move into the system text (spec §2.4.4); 0 disables. Characters. */
  toolDescriptionMaxLength: number;
  /**
   * Whether a thinking block of the history carries a signature this gateway gave it. Only such
   * blocks are sent back upstream (as `<thinking>` text); others (forged, or from another provider)
   * are dropped. Without it, every thinking block is dropped.
   */
  verifyThinkingSignature?: (thinking: string, signature: string) => boolean;
};

/** The upstream body and the tool-name map needed to translate the response back. */
export type KiroRequestConversion = { body: KiroGenerateAssistantResponseRequest; toolNames: KiroToolNames };

// Placeholders for turns Kiro would reject as empty (spec §2.5 rule 3). They only ever travel
// upstream; the response translator never copies request text into answers.
const continuePlaceholder = "Continue";
const toolResultsPlaceholder = "Tool results provided.";
const assistantToolUsePlaceholder = " ";
const missingToolResultText = "No result was provided for this tool call.";
const emptyToolResultText = "(empty result)";

type UserTurn = { role: "user"; texts: string[]; images: UnifiedImage[]; toolResults: KiroToolResult[] };
type AssistantTurn = { role: "assistant"; texts: string[]; toolUses: KiroToolUse[] };
type Turn = UserTurn | AssistantTurn;

/**
 * Builds Kiro's `generateAssistantResponse` body from a unified request, meeting Kiro's rules
 * (spec §2.4–§2.5) behind the client's back: history alternates user/assistant starting with a user
 * turn (same-role turns merged, tool ids kept), no empty content, each tool result answers a tool
 * use of the assistant turn right before it (orphans become text, duplicates dropped, missing ones
 * answered with an error result), every tool used in history is declared, tool names and schemas
 * are made acceptable, and the system text leads the first user turn.
 * @throws LlmError (400) when there are no messages, or a tool name is invalid or declared twice.
 */
export function convertToKiroRequest(request: UnifiedRequest, options: ConvertToKiroRequestOptions): KiroRequestConversion {
  const toolNames = new KiroToolNames();
  const { tools, documentation } = convertTools(request, toolNames, options.toolDescriptionMaxLength);
  const turns = mergeTurns(collectTurns(request, toolNames, options.verifyThinkingSignature));
  if (turns.length === 0) throw invalidRequest("messages: at least one message with content is required", { param: "messages" });

  const systemText = [thinkingDirective(request), request.system.join("\n").trim(), documentation, ...emulationInstructions(request)]
    .filter(Boolean)
    .join("\n\n");
  if (systemText) {
    const first = turns[0];
    if (first.role === "user") first.texts.unshift(systemText);
    else turns.unshift({ role: "user", texts: [systemText], images: [], toolResults: [] });
  }
  if (turns[0].role === "assistant") turns.unshift({ role: "user", texts: [continuePlaceholder], images: [], toolResults: [] });
  // Kiro always answers a user turn; a trailing assistant turn (prefill) moves into history.
  if (turns[turns.length - 1].role === "assistant") turns.push({ role: "user", texts: [], images: [], toolResults: [] });
  pairToolResults(turns);

  const entries = turns.map((turn, index): KiroHistoryEntry => {
    if (turn.role === "assistant") {
      const content = joinTexts(turn.texts) || assistantToolUsePlaceholder;
      return { assistantResponseMessage: turn.toolUses.length ? { content, toolUses: turn.toolUses } : { content } };
    }
    return { userInputMessage: buildUserMessage(turn, options.kiroModelId, index === turns.length - 1) };
  });
  const current = entries.pop() as { userInputMessage: KiroUserInputMessage };
  const declaredTools = declareHistoryTools(offeredTools(request, tools, toolNames), entries);
  if (declaredTools.length) {
    current.userInputMessage.userInputMessageContext = {
      tools: declaredTools,
      ...current.userInputMessage.userInputMessageContext,
    };
  }

  const body: KiroGenerateAssistantResponseRequest = {
    conversationState: {
      agentContinuationId: options.agentContinuationId,
      agentTaskType: "vibe",
      chatTriggerType: "MANUAL",
      conversationId: options.conversationId,
      currentMessage: current,
      ...(entries.length ? { history: entries } : {}),
    },
    ...(options.profileArn ? { profileArn: options.profileArn } : {}),
  };
  return { body, toolNames };
}

function convertTools(request: UnifiedRequest, toolNames: KiroToolNames, descriptionMaxLength: number) {
  const movedDescriptions: string[] = [];
  const seen = new Set<string>();
  const tools = request.tools.map((tool): KiroTool => {
    if (seen.has(tool.name)) throw invalidRequest(`tools: tool names must be unique; '${tool.name}' is declared twice.`, { param: "tools" });
    seen.add(tool.name);
    const name = toolNames.toKiro(tool.name);
    let description = tool.description.trim() || `Tool: ${tool.name}`;
    if (descriptionMaxLength > 0 && description.length > descriptionMaxLength) {
      movedDescriptions.push(`## Tool: ${name}\n\n${description}`);
      description = `[Full documentation in system prompt under '## Tool: ${name}']`;
    }
    return { toolSpecification: { name, description, inputSchema: { json: sanitizeToolSchema(tool.inputSchema) } } };
  });
  const documentation = movedDescriptions.length
    ? ["---", "# Tool Documentation", "The full descriptions of some tools are given here instead of in their definitions.", ...movedDescriptions].join("\n\n---\n\n")
    : "";
  return { tools, documentation };
}

function collectTurns(
  request: UnifiedRequest,
  toolNames: KiroToolNames,
  verifyThinkingSignature: ConvertToKiroRequestOptions["verifyThinkingSignature"],
): Turn[] {
  const turns: Turn[] = [];
  for (const message of request.messages) {
    if (message.role === "user") {
      const turn: UserTurn = { role: "user", texts: [], images: [], toolResults: [] };
      for (const part of message.content) {
        if (part.type === "text") turn.texts.push(part.text);
        else if (part.type === "image") turn.images.push(part);
        else if (part.type === "image-url") throw unresolvedImage();
        else {
          turn.toolResults.push({
            toolUseId: part.toolCallId,
            status: part.isError ? "error" : "success",
            content: [{ text: part.output.trim() ? part.output : emptyToolResultText }],
          });
          for (const image of part.images) {
            if (image.type === "image-url") throw unresolvedImage();
            turn.images.push(image);
          }
        }
      }
      turns.push(turn);
    } else {
      const turn: AssistantTurn = { role: "assistant", texts: [], toolUses: [] };
      for (const part of message.content) {
        if (part.type === "text") turn.texts.push(part.text);
        else if (part.type === "reasoning") {
          // Kiro has no thinking blocks; its own thinking comes back to it as tagged text. Only the
          // gateway's own, verifiable thinking is replayed.
          if (part.text && part.signature && verifyThinkingSignature?.(part.text, part.signature)) {
            turn.texts.push(`<thinking>${part.text}</thinking>`);
          }
        } else turn.toolUses.push({ toolUseId: part.toolCallId, name: toolNames.toKiro(part.toolName), input: part.input });
      }
      // An assistant turn with nothing in it carries no information; dropping it lets its
      // neighbours merge instead of inventing text for it.
      if (joinTexts(turn.texts) || turn.toolUses.length) turns.push(turn);
    }
  }
  return turns;
}

function mergeTurns(turns: Turn[]): Turn[] {
  const merged: Turn[] = [];
  for (const turn of turns) {
    const previous = merged[merged.length - 1];
    if (previous?.role === "user" && turn.role === "user") {
      previous.texts.push(...turn.texts);
      previous.images.push(...turn.images);
      previous.toolResults.push(...turn.toolResults);
    } else if (previous?.role === "assistant" && turn.role === "assistant") {
      previous.texts.push(...turn.texts);
      previous.toolUses.push(...turn.toolUses);
    } else merged.push(turn);
  }
  return merged;
}

/** Makes every user turn's results answer exactly the tool uses of the assistant turn before it. */
function pairToolResults(turns: Turn[]): void {
  for (let index = 0; index < turns.length; index += 1) {
    const turn = turns[index];
    if (turn.role !== "user") continue;
    const previous = index > 0 ? turns[index - 1] : undefined;
    const expectedIds = new Set(previous?.role === "assistant" ? previous.toolUses.map((use) => use.toolUseId) : []);
    const answered = new Set<string>();
    const kept: KiroToolResult[] = [];
    for (const result of turn.toolResults) {
      if (answered.has(result.toolUseId)) continue;
      if (expectedIds.has(result.toolUseId)) {
        answered.add(result.toolUseId);
        kept.push(result);
      } else {
        // A result whose call is not in the turn before cannot be sent as a result; its text is kept.
        turn.texts.push(`[Result of tool call ${result.toolUseId}]\n${result.content.map((item) => item.text).join("\n")}`);
      }
    }
    for (const id of expectedIds) {
      if (!answered.has(id)) kept.push({ toolUseId: id, status: "error", content: [{ text: missingToolResultText }] });
    }
    turn.toolResults = kept;
  }
}

function buildUserMessage(turn: UserTurn, modelId: string, isCurrent: boolean): KiroUserInputMessage {
  const texts = [...turn.texts];
  if (!isCurrent && turn.images.length) {
    texts.push(`[${turn.images.length} image(s) from this earlier turn are not repeated]`);
  }
  const content = joinTexts(texts) || (turn.toolResults.length ? toolResultsPlaceholder : continuePlaceholder);
  const message: KiroUserInputMessage = { content, modelId, origin: "AI_EDITOR" };
  if (isCurrent && turn.images.length) message.images = turn.images.map(toKiroImage);
  if (turn.toolResults.length) message.userInputMessageContext = { toolResults: turn.toolResults };
  return message;
}

function toKiroImage(image: UnifiedImage): KiroImage {
  const subtype = image.mediaType.toLowerCase().replace(/^image\//, "");
  const format = subtype === "jpg" ? "jpeg" : subtype;
  if (format !== "png" && format !== "jpeg" && format !== "gif" && format !== "webp") {
    throw invalidRequest(`Image type '${image.mediaType}' is not supported; use PNG, JPEG, GIF or WebP.`);
  }
  return { format, source: { bytes: image.data } };
}

/** Tools declared upstream: the request's, plus a stub for each tool used in history but not offered now. */
function declareHistoryTools(tools: KiroTool[], history: KiroHistoryEntry[]): KiroTool[] {
  const declared = new Set(tools.map((tool) => tool.toolSpecification.name.toLowerCase()));
  const result = [...tools];
  for (const entry of history) {
    if (!("assistantResponseMessage" in entry)) continue;
    for (const use of entry.assistantResponseMessage.toolUses ?? []) {
      if (declared.has(use.name.toLowerCase())) continue;
      declared.add(use.name.toLowerCase());
      result.push({
        toolSpecification: {
          name: use.name,
          description: `Tool: ${use.name} (used earlier in this conversation)`,
          inputSchema: { json: { type: "object", properties: {} } },
        },
      });
    }
  }
  return result;
}

function joinTexts(texts: string[]): string {
  return texts.filter((text) => text.trim().length > 0).join("\n\n");
}

function unresolvedImage(): Error {
  return new Error("image URLs must be fetched (resolveImageUrls) before the Kiro request is built");
}

/**
 * The thinking switch Kiro understands: tags leading the system text (spec §2.4.7), unless the
 * client's system text already sets them.
 */
function thinkingDirective(request: UnifiedRequest): string {
  const thinking = request.thinking;
  if (!thinking || request.system.some((text) => text.includes("<thinking_mode>"))) return "";
  return thinking.type === "enabled"
    ? `<thinking_mode>enabled</thinking_mode>\n<max_thinking_length>${thinking.budgetTokens}</max_thinking_length>`
    : `<thinking_mode>adaptive</thinking_mode>\n<thinking_effort>${thinking.effort}</thinking_effort>`;
}

/** Instructions that emulate switches Kiro lacks: tool choice, one tool per turn, JSON output. */
function emulationInstructions(request: UnifiedRequest): string[] {
  const instructions: string[] = [];
  const choice = request.toolChoice;
  if (request.tools.length) {
    if (choice.type === "none") instructions.push("Do not call any tool in this reply; answer in text.");
    if (choice.type === "required") instructions.push("You must call at least one of the available tools in this reply.");
    if (choice.type === "tool") instructions.push(`You must call the tool \`${choice.toolName}\` in this reply.`);
    if (!request.parallelToolCalls && choice.type !== "none") instructions.push("Call at most one tool in this reply.");
  }
  const format = request.responseFormat;
  if (format) {
    let instruction = "Reply with one JSON object and nothing else: no prose before or after it, no markdown code fences.";
    if (format.type === "json_schema" && format.schema) {
      instruction += ` The object must conform to this JSON Schema (named "${format.name}"):\n${JSON.stringify(format.schema)}`;
    }
    instructions.push(instruction);
  }
  return instructions;
}

/**
 * The request's tools Kiro is offered: none for `tool_choice: none`, only the named one for a
 * forced tool, all of them otherwise.
 * @throws LlmError (400) when `tool_choice` names a tool the request does not declare.
 */
function offeredTools(request: UnifiedRequest, tools: KiroTool[], toolNames: KiroToolNames): KiroTool[] {
  const choice = request.toolChoice;
  if (choice.type === "none") return [];
  if (choice.type !== "tool") return tools;
  if (!request.tools.some((tool) => tool.name === choice.toolName)) {
    throw invalidRequest(`tool_choice: the tool '${choice.toolName}' is not among the request's tools.`, { param: "tool_choice" });
  }
  const kiroName = toolNames.toKiro(choice.toolName);
  return tools.filter((tool) => tool.toolSpecification.name === kiroName);
}
