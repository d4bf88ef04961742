/** A parsed JSON body of a test's request, read loosely. */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One non-streaming `/v1/messages` call with `key` (as `x-api-key`) and a single user message: its status and JSON body. */
export async function askGateway(gatewayUrl: string, key: string, content = "hello"): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${gatewayUrl}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": key, "anthropic-version": "2023-06-01" },
    body: JSON.stringify({ model: "claude-sonnet-4-6", max_tokens: 100, messages: [{ role: "user", content }] }),
  });
  return { status: response.status, json: (await response.json()) as Json };
}
