import type { StreamPart } from "../../unified/stream-part";

const openingTag = "<thinking>";
const closingTag = "</thinking>";

/**
 * Splits the thinking Kiro writes at the start of its answer when thinking mode is on
 * (`<thinking>…</thinking>`, spec §3.6) out of the text, as reasoning deltas, even when a tag is
 * split across events. Only a block that opens the answer counts; text after it, and answers that do
 * not open with one, pass through untouched. While inside the block, the last characters that could
 * start a closing tag are held back until the next delta decides them. A closing tag right after a
 * backtick or a quote is text the model is quoting, not the end of the block.
 */
export class KiroThinkingParser {
  private state: "detecting" | "thinking" | "text" = "detecting";
  private buffer = "";
  // The newlines separating the block from the answer may arrive in a later delta.
  private trimNewlines = false;

  /** Parts for the next piece of upstream text: reasoning deltas, then (once the block closes) `reasoning-close` and text. */
  push(text: string): Array<StreamPart | { type: "reasoning-close" }> {
    if (this.state === "text") {
      if (this.trimNewlines) {
        text = text.replace(/^\n+/, "");
        if (text) this.trimNewlines = false;
      }
      return text ? [{ type: "text-delta", text }] : [];
    }
    this.buffer += text;
    if (this.state === "detecting") {
      const leading = this.buffer.trimStart();
      if (leading.startsWith(openingTag)) {
        this.state = "thinking";
        this.buffer = leading.slice(openingTag.length);
      } else if (openingTag.startsWith(leading)) {
        return [];
      } else {
        this.state = "text";
        const all = this.buffer;
        this.buffer = "";
        return [{ type: "text-delta", text: all }];
      }
    }
    return this.drainThinking();
  }

  /** Whatever is still held at the end of the answer. An unclosed block ends as thinking. */
  finish(): Array<StreamPart | { type: "reasoning-close" }> {
    const rest = this.buffer;
    this.buffer = "";
    if (this.state === "thinking") {
      this.state = "text";
      return [...(rest ? [{ type: "reasoning-delta" as const, text: rest }] : []), { type: "reasoning-close" as const }];
    }
    this.state = "text";
    return rest ? [{ type: "text-delta", text: rest }] : [];
  }

  private drainThinking(): Array<StreamPart | { type: "reasoning-close" }> {
    let searchFrom = 0;
    for (;;) {
      const index = this.buffer.indexOf(closingTag, searchFrom);
      if (index < 0) break;
      const before = index > 0 ? this.buffer[index - 1] : "";
      if ("`'\"“”‘’".includes(before) && before !== "") {
        searchFrom = index + 1;
        continue;
      }
      const thinking = this.buffer.slice(0, index);
      const after = this.buffer.slice(index + closingTag.length).replace(/^\n+/, "");
      this.buffer = "";
      this.state = "text";
      this.trimNewlines = after === "";
      return [
        ...(thinking ? [{ type: "reasoning-delta" as const, text: thinking }] : []),
        { type: "reasoning-close" as const },
        ...(after ? [{ type: "text-delta" as const, text: after }] : []),
      ];
    }
    // Hold back what could be the start of a closing tag split across deltas.
    const safeLength = Math.max(0, this.buffer.length - (closingTag.length - 1));
    const emitted = this.buffer.slice(0, safeLength);
    this.buffer = this.buffer.slice(safeLength);
    return emitted ? [{ type: "reasoning-delta", text: emitted }] : [];
  }
}
