import { describe, expect, it } from "vitest";
import { resolveKiroModel } from "./kiro-model-ids";

const kiroId = (model: string) => resolveKiroModel(model).model.kiroModelId;

describe("resolveKiroModel", () => {
  it("maps undated, dated and Kiro ids", () => {
    expect(kiroId("claude-sonnet-4-5")).toBe("claude-sonnet-4.5");
    expect(kiroId("claude-sonnet-4-5-20250929")).toBe("claude-sonnet-4.5");
    expect(kiroId("claude-haiku-4-5-20251001")).toBe("claude-haiku-4.5");
    expect(kiroId("claude-sonnet-4-20250514")).toBe("CLAUDE_SONNET_4_20250514_V1_0");
    expect(kiroId("claude-opus-4.5")).toBe("claude-opus-4.5");
    expect(kiroId("anthropic/claude-opus-4-6")).toBe("claude-opus-4.6");
    // The alias for Cursor-style tools, which must not send a name with "claude" in it.
    expect(kiroId("kirogate:sonnet-4-6")).toBe("claude-sonnet-4.6");
    expect(kiroId("KiroGate/opus-4-8")).toBe("claude-opus-4.8");
    expect(kiroId("kirogate:claude-haiku-4-5")).toBe("claude-haiku-4.5");
    expect(resolveKiroModel("kirogate:sonnet-4-6-thinking").thinkingRequested).toBe(true);
    expect(kiroId("auto")).toBe("claude-sonnet-4.5");
  });

  it("maps unknown claude ids to the nearest version of their family", () => {
    expect(kiroId("claude-opus-5-5")).toBe("claude-opus-4.8");
    expect(kiroId("claude-sonnet-4-7-20270101")).toBe("claude-sonnet-4.6");
    expect(kiroId("claude-3-5-sonnet-20241022")).toBe("CLAUDE_3_7_SONNET_20250219_V1_0");
    expect(kiroId("claude-haiku-9")).toBe("claude-haiku-4.5");
    expect(kiroId("claude-opus")).toBe("claude-opus-4.8");
  });

  it("reads a -thinking suffix as a thinking request", () => {
    expect(resolveKiroModel("claude-sonnet-4-5-thinking")).toMatchObject({ thinkingRequested: true, model: { kiroModelId: "claude-sonnet-4.5" } });
    expect(resolveKiroModel("claude-sonnet-4-5").thinkingRequested).toBe(false);
  });

  it("answers 404 model_not_found for ids of no Claude family", () => {
    expect(() => resolveKiroModel("gpt-4o")).toThrow(expect.objectContaining({ status: 404, code: "model_not_found" }));
  });
});
