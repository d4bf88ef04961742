import http, { type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { eventFrame } from "../../tests/kiro-mock/event-stream-frame";
import { readRequestBody, sendJson } from "../../tests/support/http-messages";

/**
 * A lean stand-in for Kiro, for the benchmark only (perf-and-reliability.md §2.2): it must never be
 * the bottleneck, so frames are encoded once and requests are not validated or recorded (the Kiro
 * mock in `tests/` does that for the test suite).
 *
 * The reply shape is chosen by a directive in the request body, `[bench:FRAMES:INTERVAL]`: FRAMES
 * `assistantResponseEvent` frames of one word each (default 20), INTERVAL ms apart (0 = back to back,
 * all in one write), then a `meteringEvent` and a `contextUsageEvent` so the gateway's usage path runs.
 * Frame i carries the text `w{i} `, so a client can check the reply was reassembled exactly.
 */
export type BenchUpstream = {
  url: string;
  /** Generate requests answered so far. */
  generateCalls(): number;
  close(): Promise<void>;
};

const framesByIndex: Buffer[] = [];
const closingFrames = Buffer.concat([
  eventFrame("meteringEvent", { unit: "credit", unitPlural: "credits", usage: 0.01 }),
  eventFrame("contextUsageEvent", { contextUsagePercentage: 0.05 }),
]);

/** The text frame `index` carries, and so the text a client must reassemble: `w0 w1 … w{n-1} `. */
export function expectedBenchText(frames: number): string {
  let text = "";
  for (let index = 0; index < frames; index += 1) text += `w${index} `;
  return text;
}

function textFrame(index: number): Buffer {
  framesByIndex[index] ??= eventFrame("assistantResponseEvent", { content: `w${index} ` });
  return framesByIndex[index];
}

async function answerGenerate(body: string, response: ServerResponse): Promise<void> {
  const directive = /\[bench:(\d+):(\d+)\]/.exec(body);
  const frames = directive ? Number(directive[1]) : 20;
  const intervalMs = directive ? Number(directive[2]) : 0;
  response.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
  if (intervalMs === 0) {
    const all: Buffer[] = [];
    for (let index = 0; index < frames; index += 1) all.push(textFrame(index));
    all.push(closingFrames);
    response.end(Buffer.concat(all));
    return;
  }
  for (let index = 0; index < frames; index += 1) {
    if (response.destroyed) return;
    response.write(textFrame(index));
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  if (!response.destroyed) response.end(closingFrames);
}

/**
 * Starts the benchmark upstream on loopback (`port` 0 = any free port). It serves the social
 * refresh endpoint, `getUsageLimits`, `ListAvailableModels` and `generateAssistantResponse`.
 */
export async function startBenchUpstream(port = 0): Promise<BenchUpstream> {
  let generateCalls = 0;
  const server = http.createServer((request, response) => {
    void (async () => {
      const body = await readRequestBody(request);
      const path = (request.url ?? "/").split("?")[0];
      if (path.endsWith("/generateAssistantResponse")) {
        generateCalls += 1;
        return answerGenerate(body, response);
      }
      if (path.endsWith("/refreshToken")) {
        const refreshToken = (JSON.parse(body) as { refreshToken?: string }).refreshToken ?? "";
        return sendJson(response, 200, { accessToken: `bench-access-${refreshToken}`, refreshToken, expiresIn: 3600, profileArn: "arn:aws:codewhisperer:us-east-1:000000000000:profile/BENCH" });
      }
      if (path.endsWith("/getUsageLimits")) {
        return sendJson(response, 200, {
          usageBreakdownList: [{ resourceType: "CREDIT", currentUsageWithPrecision: 1, usageLimitWithPrecision: 1_000_000 }],
          nextDateReset: Math.floor(Date.now() / 1000) + 86_400,
        });
      }
      if (path.endsWith("/ListAvailableModels")) {
        return sendJson(response, 200, { models: [{ modelId: "claude-sonnet-4.5", modelName: "claude-sonnet-4.5", tokenLimits: { maxInputTokens: 200_000, maxOutputTokens: 64_000 } }] });
      }
      sendJson(response, 404, { message: `bench upstream: no route for ${path}` });
    })().catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { message: String(error) });
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: boundPort } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${boundPort}`,
    generateCalls: () => generateCalls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
