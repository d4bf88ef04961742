/** One server-sent event: its `event:` name (if any) and its parsed `data:` JSON (or the raw text). */
export type ServerSentEvent = { event?: string; data: unknown };

/**
 * Reads a `text/event-stream` body event by event (the WHATWG EventSource format: blank-line
 * separated, `event:` and `data:` fields), calling `onEvent` for each. `[DONE]` data (OpenAI's
 * terminator) is passed through as text. Resolves when the stream ends; rejects when it is aborted.
 */
export async function readServerSentEvents(body: ReadableStream<Uint8Array>, onEvent: (event: ServerSentEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const flush = (block: string) => {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    if (data.length === 0) return;
    const text = data.join("\n");
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON ([DONE], say): handed over as text.
    }
    onEvent({ event, data: parsed });
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let boundary = buffer.search(/\r?\n\r?\n/);
    while (boundary >= 0) {
      flush(buffer.slice(0, boundary));
      buffer = buffer.slice(boundary).replace(/^\r?\n\r?\n/, "");
      boundary = buffer.search(/\r?\n\r?\n/);
    }
  }
  if (buffer.trim()) flush(buffer);
}
