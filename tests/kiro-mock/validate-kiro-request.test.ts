import { describe, expect, it } from "vitest";
import { validateKiroRequest } from "./validate-kiro-request";

const user = (content: string, extra: Record<string, unknown> = {}) => ({ userInputMessage: { content, modelId: "claude-sonnet-4.5", origin: "AI_EDITOR", ...extra } });
const assistant = (content: string, toolUses?: unknown[]) => ({ assistantResponseMessage: { content, ...(toolUses ? { toolUses } : {}) } });
const body = (history: unknown[] | undefined, current = user("hi").userInputMessage as Record<string, unknown>) => ({
  conversationState: { chatTriggerType: "MANUAL", conversationId: "c", currentMessage: { userInputMessage: current }, ...(history ? { history } : {}) },
});

// The mock is only a useful oracle if it really rejects what Kiro rejects.
describe("validateKiroRequest", () => {
  it("accepts a well-formed conversation", () => {
    expect(validateKiroRequest(body([user("a"), assistant("b")]))).toEqual([]);
  });

  it("rejects broken alternation, empty content and a history ending on a user turn", () => {
    expect(validateKiroRequest(body([assistant("b"), user("a")]))).toEqual(expect.arrayContaining([expect.stringMatching(/alternation/)]));
    expect(validateKiroRequest(body([user(""), assistant("b")]))).toEqual(expect.arrayContaining([expect.stringMatching(/content must be a non-empty string/)]));
    expect(validateKiroRequest(body([user("a")]))).toEqual(expect.arrayContaining([expect.stringMatching(/must end with an assistant entry/)]));
  });

  it("rejects unpaired and duplicate tool results and undeclared history tools", () => {
    const withUse = [user("a"), assistant(" ", [{ toolUseId: "t1", name: "read", input: {} }])];
    const result = (id: string) => ({ toolUseId: id, status: "success", content: [{ text: "x" }] });
    expect(validateKiroRequest(body(withUse, user("r", { userInputMessageContext: { toolResults: [result("t2")] } }).userInputMessage))).toEqual(
      expect.arrayContaining([expect.stringMatching(/t2 answers no tool use/), expect.stringMatching(/t1 of the turn before has no result/), expect.stringMatching(/'read' is used in history but not declared/)]),
    );
    expect(
      validateKiroRequest(body(withUse, user("r", { userInputMessageContext: { toolResults: [result("t1"), result("t1")] } }).userInputMessage)),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/duplicate tool result/)]));
  });

  it("rejects tool names, descriptions and schemas Kiro refuses", () => {
    const tool = (name: string, description: string, json: unknown) => ({ toolSpecification: { name, description, inputSchema: { json } } });
    const violations = validateKiroRequest(
      body(undefined, user("x", {
        userInputMessageContext: {
          tools: [
            tool("x".repeat(65), "d", { type: "object", properties: {} }),
            tool("ok", "", { type: "object", properties: {}, additionalProperties: false }),
            tool("ok2", "d", { type: "object", properties: { a: { type: "object", properties: null, required: [] } } }),
          ],
        },
      }).userInputMessage),
    );
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/must be 1-64 characters/),
        expect.stringMatching(/description must not be empty/),
        expect.stringMatching(/additionalProperties/),
        expect.stringMatching(/properties\.a: required must be a non-empty array/),
        expect.stringMatching(/properties\.a: properties must be an object/),
      ]),
    );
  });
});
