import { LlmError, invalidRequest } from "@/lib/llm/unified/llm-error";

/** Largest request body accepted, in bytes (32 MiB: room for several base64 images). */
export const maximumRequestBodyBytes = 32 * 1024 * 1024;

/**
 * Reads and parses a JSON request body, refusing oversized bodies before buffering them whole and
 * bodies nested deeper than `maximumNestingDepth`.
 * @throws LlmError 413 `request_too_large` above the limit, 400 `invalid_request` for non-JSON or too deep.
 */
export async function readJsonBody(request: Request, limitBytes = maximumRequestBodyBytes): Promise<unknown> {
  const limitText = limitBytes >= 1024 * 1024 ? `${Math.round(limitBytes / 1024 / 1024)} MiB` : `${Math.round(limitBytes / 1024)} KiB`;
  const tooLarge = () => new LlmError("request_too_large", `Request body exceeds ${limitText}.`);
  const declaredLength = Number(request.headers.get("content-length"));
  if (Number.isFinite(declaredLength) && declaredLength > limitBytes) throw tooLarge();
  if (!request.body) throw invalidRequest("Request body is empty; send a JSON object.");

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) throw invalidRequest("Request body is empty; send a JSON object.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // The parser's own message quotes the body; only the position is safe to repeat.
    const position = error instanceof SyntaxError ? /position (\d+)/.exec(error.message)?.[1] : undefined;
    throw invalidRequest(`Request body is not valid JSON${position ? ` (error at character ${position})` : ""}.`);
  }
  if (nestingDepth(value) > maximumNestingDepth) {
    throw invalidRequest(`Request body nests deeper than ${maximumNestingDepth} levels.`);
  }
  return value;
}

/** Deepest nesting of arrays and objects accepted; deeper bodies would exhaust the stack of recursive translation. */
export const maximumNestingDepth = 128;

function nestingDepth(root: unknown): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[root, 1]];
  while (pending.length) {
    const [value, depth] = pending.pop()!;
    if (typeof value !== "object" || value === null) continue;
    if (depth > deepest) deepest = depth;
    if (deepest > maximumNestingDepth) return deepest;
    for (const child of Array.isArray(value) ? value : Object.values(value)) pending.push([child, depth + 1]);
  }
  return deepest;
}
