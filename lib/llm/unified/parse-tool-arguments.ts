/**
 * Parses tool-call arguments a client sent back in history. Invalid or non-object JSON (the model
 * produced it, the client stored it) must not fail the request (spec §8.1 #9), so it becomes `{}`.
 */
export function parseToolArguments(text: string | null | undefined): Record<string, unknown> {
  if (!text || !text.trim()) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
