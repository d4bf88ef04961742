import type { UnifiedRequest } from "./unified-request";

/**
 * Local token estimator used when Kiro reports no context usage, by `count_tokens`, and for output
 * tokens (Kiro never reports those). Claude's tokenizer is not public, so this counts characters
 * by script: about 3.6 Latin characters per token, one token per CJK character, two characters per
 * token for other scripts. Returns a whole number of tokens, at least 1 for non-empty text.
 */
export function estimateTextTokens(text: string): number {
  const counter = new TokenCounter();
  counter.add(text);
  return counter.tokens;
}

function characterWeight(character: string): number {
  const codePoint = character.codePointAt(0) ?? 0;
  if (codePoint < 0x250) return 1 / 3.6;
  if (
    (codePoint >= 0x2e80 && codePoint <= 0x9fff) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7af) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    codePoint >= 0x1f000
  )
    return 1;
  return 1 / 2;
}

/**
 * The estimator, kept running over text that arrives in pieces (for enforcing an output budget
 * while streaming). `tokens` is the estimate for everything added so far.
 */
export class TokenCounter {
  private weight = 0;

  add(text: string): void {
    for (const character of text) this.weight += characterWeight(character);
  }

  get tokens(): number {
    return this.weight === 0 ? 0 : Math.max(1, Math.ceil(this.weight - 1e-9));
  }

  /** How many UTF-16 code units of `text` fit before the running estimate would exceed `limitTokens`. */
  lengthWithin(text: string, limitTokens: number): number {
    let weight = this.weight;
    let length = 0;
    for (const character of text) {
      weight += characterWeight(character);
      if (weight > limitTokens + 1e-9) break;
      length += character.length;
    }
    return length;
  }
}

// Anthropic's documented image cost is about width × height / 750 tokens; without decoding the
// image, a typical ~1.15 megapixel screenshot is assumed.
const estimatedTokensPerImage = 1600;
// Per-turn framing the model sees around each message.
const tokensPerMessage = 4;

/**
 * Estimated input tokens of a whole request: system text, every turn (text, tool calls and results,
 * images) and the tool definitions. The same function serves `count_tokens` and the fallback usage
 * of `/v1/messages`, so the two agree.
 */
export function estimateRequestTokens(request: UnifiedRequest): number {
  let total = request.system.reduce((sum, text) => sum + estimateTextTokens(text), 0);
  for (const message of request.messages) {
    total += tokensPerMessage;
    for (const part of message.content) {
      switch (part.type) {
        case "text":
        case "reasoning":
          total += estimateTextTokens(part.text);
          break;
        case "image":
        case "image-url":
          total += estimatedTokensPerImage;
          break;
        case "tool-call":
          total += estimateTextTokens(part.toolName) + estimateTextTokens(JSON.stringify(part.input));
          break;
        case "tool-result":
          total += estimateTextTokens(part.output) + part.images.length * estimatedTokensPerImage;
          break;
      }
    }
  }
  for (const tool of request.tools) {
    total +=
      estimateTextTokens(tool.name) + estimateTextTokens(tool.description) + estimateTextTokens(JSON.stringify(tool.inputSchema));
  }
  return total;
}
