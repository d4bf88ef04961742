import { describe, expect, it } from "vitest";
import { KiroThinkingParser } from "./kiro-thinking-parser";

type Piece = { type: string; text?: string };

function run(pieces: string[]) {
  const parser = new KiroThinkingParser();
  const parts: Piece[] = [];
  for (const piece of pieces) parts.push(...parser.push(piece));
  parts.push(...parser.finish());
  const reasoning = parts.filter((part) => part.type === "reasoning-delta").map((part) => part.text).join("");
  const text = parts.filter((part) => part.type === "text-delta").map((part) => part.text).join("");
  return { parts, reasoning, text, closes: parts.filter((part) => part.type === "reasoning-close").length };
}

describe("KiroThinkingParser", () => {
  const answer = "<thinking>Step one. Step two.</thinking>\n\nThe answer is 42.";

  it("splits a leading thinking block from the answer, whatever the split of the deltas", () => {
    for (let size = 1; size <= answer.length; size += 1) {
      const pieces: string[] = [];
      for (let index = 0; index < answer.length; index += size) pieces.push(answer.slice(index, index + size));
      const result = run(pieces);
      expect(result.reasoning, `size ${size}`).toBe("Step one. Step two.");
      expect(result.text, `size ${size}`).toBe("The answer is 42.");
      expect(result.closes).toBe(1);
      expect(JSON.stringify(result.parts)).not.toContain("<thinking>");
      expect(JSON.stringify(result.parts)).not.toContain("</thinking>");
    }
  });

  it("passes an answer that does not open with a block through untouched", () => {
    const literal = "Here is a tag: `<thinking>x</thinking>` in code.";
    expect(run([literal.slice(0, 5), literal.slice(5)])).toMatchObject({ reasoning: "", text: literal, closes: 0 });
    expect(run(["  <thin", "k about it"]).text).toBe("  <think about it");
  });

  it("does not end the block at a quoted closing tag", () => {
    const result = run(["<thinking>The tag `</thinking>` closes it.</thinking>Done"]);
    expect(result.reasoning).toBe("The tag `</thinking>` closes it.");
    expect(result.text).toBe("Done");
  });

  it("ends an unclosed block as thinking", () => {
    expect(run(["<thinking>never closed"])).toMatchObject({ reasoning: "never closed", text: "", closes: 1 });
  });
});
