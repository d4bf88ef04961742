import { LlmError, invalidRequest } from "@/lib/llm/unified/llm-error";

/** Largest request body accepted, in bytes (32 MiB: room for several base64 images). */
export const maximumRequestBodyBytes = 32 * 1024 * 1024;

/**
 * Reads and parses a JSON request body, refusing oversized bodies before buffering them whole.
 * @throws LlmError 413 `request_too_large` above the limit, 400 `invalid_request` for non-JSON.
 */
export async function readJsonBody(request: Request, limitBytes = maximumRequestBodyBytes): Promise<unknown> {
  const tooLarge = () => new LlmError("request_too_large", `Request body exceeds ${Math.round(limitBytes / 1024 / 1024)} MiB.`);
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
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message.replace(/"[^"]*"/g, "…") : "parse error";
    throw invalidRequest(`Request body is not valid JSON (${detail}).`);
  }
}
