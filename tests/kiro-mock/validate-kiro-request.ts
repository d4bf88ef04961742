/**
 * The strict request rules Kiro enforces on `generateAssistantResponse` (kirogate-spec §2.3–§2.5),
 * checked by the mock so that a translation bug fails a test the way Kiro fails it in production:
 * with HTTP 400 "Improperly formed request.". Returns every rule broken, as readable sentences.
 */

/** Kiro model ids the mock serves, with their context windows in tokens. */
export const mockModelContextWindows: Record<string, number> = {
  "claude-opus-4.8": 1_000_000,
  "claude-opus-4.7": 1_000_000,
  "claude-opus-4.6": 1_000_000,
  "claude-opus-4.5": 200_000,
  "claude-sonnet-4.6": 1_000_000,
  "claude-sonnet-4.5": 200_000,
  CLAUDE_SONNET_4_20250514_V1_0: 200_000,
  CLAUDE_3_7_SONNET_20250219_V1_0: 200_000,
  "claude-haiku-4.5": 200_000,
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const toolNamePattern = /^[A-Za-z0-9_-]{1,64}$/;
const imageFormats = new Set(["png", "jpeg", "gif", "webp"]);

// JSON Schema keywords whose values are subschemas; everything else (`default`, `enum`, `examples`,
// `const`, vendor members) is data, which Kiro does not inspect.
const schemaKeywords = new Set(["items", "not", "if", "then", "else", "contains", "propertyNames", "additionalItems"]);
const schemaListKeywords = new Set(["allOf", "anyOf", "oneOf", "prefixItems", "items"]);
const schemaMapKeywords = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"]);

function checkSchema(node: unknown, path: string, violations: string[]): void {
  if (!isObject(node)) return;
  if ("additionalProperties" in node) violations.push(`${path}: additionalProperties is not accepted`);
  if ("required" in node && (!Array.isArray(node.required) || node.required.length === 0)) {
    violations.push(`${path}: required must be a non-empty array`);
  }
  if ("properties" in node && !isObject(node.properties)) violations.push(`${path}: properties must be an object`);
  for (const [key, value] of Object.entries(node)) {
    if (schemaMapKeywords.has(key) && isObject(value)) {
      for (const [name, child] of Object.entries(value)) checkSchema(child, `${path}.${key}.${name}`, violations);
    } else if (schemaListKeywords.has(key) && Array.isArray(value)) {
      value.forEach((child, index) => checkSchema(child, `${path}.${key}[${index}]`, violations));
    } else if (schemaKeywords.has(key)) checkSchema(value, `${path}.${key}`, violations);
  }
}

function checkUserMessage(message: unknown, path: string, isCurrent: boolean, violations: string[]): void {
  if (!isObject(message)) {
    violations.push(`${path}: userInputMessage must be an object`);
    return;
  }
  if (typeof message.content !== "string" || message.content.trim() === "") violations.push(`${path}.content must be a non-empty string`);
  if (typeof message.modelId !== "string" || !(message.modelId in mockModelContextWindows)) {
    violations.push(`${path}.modelId '${String(message.modelId)}' is not a known model`);
  }
  if (message.origin !== "AI_EDITOR") violations.push(`${path}.origin must be AI_EDITOR`);
  if ("images" in message) {
    if (!isCurrent) violations.push(`${path}: images are only accepted on the current message`);
    if (!Array.isArray(message.images)) violations.push(`${path}.images must be an array`);
    else
      message.images.forEach((image, index) => {
        if (!isObject(image) || !imageFormats.has(String(image.format)) || !isObject(image.source) || typeof image.source.bytes !== "string" || !image.source.bytes) {
          violations.push(`${path}.images[${index}] is malformed`);
        }
      });
  }
  const context = message.userInputMessageContext;
  if (context === undefined) return;
  if (!isObject(context)) {
    violations.push(`${path}.userInputMessageContext must be an object`);
    return;
  }
  if ("tools" in context && !isCurrent) violations.push(`${path}: tools are only accepted on the current message`);
  if ("toolResults" in context) {
    if (!Array.isArray(context.toolResults) || context.toolResults.length === 0) violations.push(`${path}.toolResults must be a non-empty array`);
    else
      context.toolResults.forEach((result, index) => {
        const where = `${path}.toolResults[${index}]`;
        if (!isObject(result) || typeof result.toolUseId !== "string" || !result.toolUseId) violations.push(`${where}.toolUseId is missing`);
        else if (result.status !== "success" && result.status !== "error") violations.push(`${where}.status must be success or error`);
        else if (!Array.isArray(result.content) || result.content.length === 0 || !result.content.every((item) => isObject(item) && typeof item.text === "string")) {
          violations.push(`${where}.content must be a non-empty array of {text}`);
        }
      });
  }
}

function toolResultIds(entry: Json | undefined): string[] {
  const message = entry && isObject(entry.userInputMessage) ? entry.userInputMessage : undefined;
  const context = message && isObject(message.userInputMessageContext) ? message.userInputMessageContext : undefined;
  return Array.isArray(context?.toolResults) ? context.toolResults.map((result) => String((result as Json).toolUseId)) : [];
}

function toolUses(entry: Json | undefined): Json[] {
  const message = entry && isObject(entry.assistantResponseMessage) ? entry.assistantResponseMessage : undefined;
  return Array.isArray(message?.toolUses) ? (message.toolUses as Json[]) : [];
}

/** Every Kiro rule the body breaks; an empty list means Kiro would accept it. */
export function validateKiroRequest(body: unknown): string[] {
  const violations: string[] = [];
  if (!isObject(body) || !isObject(body.conversationState)) return ["body.conversationState must be an object"];
  const state = body.conversationState;
  if (state.chatTriggerType !== "MANUAL") violations.push("chatTriggerType must be MANUAL");
  if (typeof state.conversationId !== "string" || !state.conversationId) violations.push("conversationId must be a non-empty string");
  if ("profileArn" in body && (typeof body.profileArn !== "string" || !body.profileArn)) violations.push("profileArn must be a non-empty string when present");
  const current = isObject(state.currentMessage) ? state.currentMessage.userInputMessage : undefined;
  if (!isObject(current)) return [...violations, "currentMessage.userInputMessage must be an object"];
  checkUserMessage(current, "currentMessage", true, violations);

  const history = state.history === undefined ? [] : state.history;
  if (!Array.isArray(history)) return [...violations, "history must be an array"];
  const entries: Json[] = [];
  history.forEach((entry, index) => {
    const path = `history[${index}]`;
    if (!isObject(entry) || Object.keys(entry).length !== 1) {
      violations.push(`${path} must have exactly one of userInputMessage / assistantResponseMessage`);
      return;
    }
    const expectedRole = index % 2 === 0 ? "userInputMessage" : "assistantResponseMessage";
    if (!(expectedRole in entry)) violations.push(`${path} breaks user/assistant alternation (expected ${expectedRole})`);
    if ("userInputMessage" in entry) checkUserMessage(entry.userInputMessage, path, false, violations);
    else if ("assistantResponseMessage" in entry) {
      const message = entry.assistantResponseMessage;
      if (!isObject(message) || typeof message.content !== "string" || message.content.length === 0) {
        violations.push(`${path}.content must be a non-empty string`);
      }
      if (isObject(message) && "toolUses" in message) {
        if (!Array.isArray(message.toolUses) || message.toolUses.length === 0) violations.push(`${path}.toolUses must be a non-empty array`);
        else
          message.toolUses.forEach((use, useIndex) => {
            if (!isObject(use) || typeof use.toolUseId !== "string" || typeof use.name !== "string" || !isObject(use.input)) {
              violations.push(`${path}.toolUses[${useIndex}] needs toolUseId, name and an object input`);
            }
          });
      }
    } else violations.push(`${path} has an unknown key`);
    entries.push(entry);
  });
  if (entries.length % 2 !== 0) violations.push("history must end with an assistant entry (the current message is the next user turn)");

  const sequence: Json[] = [...entries, { userInputMessage: current }];
  sequence.forEach((entry, index) => {
    if (!("userInputMessage" in entry)) return;
    const results = toolResultIds(entry);
    const expected = toolUses(sequence[index - 1]).map((use) => String(use.toolUseId));
    const where = index === sequence.length - 1 ? "currentMessage" : `history[${index}]`;
    const seen = new Set<string>();
    for (const id of results) {
      if (seen.has(id)) violations.push(`${where}: duplicate tool result for ${id}`);
      seen.add(id);
      if (!expected.includes(id)) violations.push(`${where}: tool result ${id} answers no tool use of the turn before`);
    }
    for (const id of expected) if (!seen.has(id)) violations.push(`${where}: tool use ${id} of the turn before has no result`);
  });

  const context = isObject(current.userInputMessageContext) ? current.userInputMessageContext : {};
  const tools = context.tools === undefined ? [] : context.tools;
  const declared = new Set<string>();
  if (!Array.isArray(tools)) violations.push("currentMessage tools must be an array");
  else
    tools.forEach((tool, index) => {
      const path = `tools[${index}]`;
      const specification = isObject(tool) ? tool.toolSpecification : undefined;
      if (!isObject(specification)) {
        violations.push(`${path}.toolSpecification must be an object`);
        return;
      }
      const name = String(specification.name);
      if (!toolNamePattern.test(name)) violations.push(`${path}.name '${name}' must be 1-64 characters of A-Z a-z 0-9 _ -`);
      if (declared.has(name.toLowerCase())) violations.push(`${path}.name '${name}' is declared twice`);
      declared.add(name.toLowerCase());
      if (typeof specification.description !== "string" || !specification.description.trim()) violations.push(`${path}.description must not be empty`);
      const schema = isObject(specification.inputSchema) ? specification.inputSchema.json : undefined;
      if (!isObject(schema)) violations.push(`${path}.inputSchema.json must be an object`);
      else checkSchema(schema, `${path}.inputSchema.json`, violations);
    });
  for (const entry of entries) {
    for (const use of toolUses(entry)) {
      if (!declared.has(String(use.name).toLowerCase())) violations.push(`tool '${String(use.name)}' is used in history but not declared`);
    }
  }
  return violations;
}
