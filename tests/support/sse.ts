/** One server-sent event: its `event:` name (when sent) and parsed `data:` (or the raw text, e.g. `[DONE]`). */
export type ServerSentEvent = { event?: string; data: unknown };

/** Splits an SSE body into events, skipping comments such as `: keep-alive`. */
export function parseServerSentEvents(body: string): ServerSentEvent[] {
  return body
    .split("\n\n")
    .map((block) => block.split("\n").filter((line) => line && !line.startsWith(":")))
    .filter((lines) => lines.length > 0)
    .map((lines) => {
      const event = lines.find((line) => line.startsWith("event: "))?.slice("event: ".length);
      const dataText = lines.filter((line) => line.startsWith("data: ")).map((line) => line.slice("data: ".length)).join("\n");
      let data: unknown = dataText;
      try {
        data = JSON.parse(dataText);
      } catch {
        // `[DONE]` and other non-JSON data stay text.
      }
      return { event, data };
    });
}
