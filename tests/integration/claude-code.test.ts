import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { mockState } from "../support/kiro-mock-client";

const run = promisify(execFile);
const claude = path.resolve(import.meta.dirname, "..", "..", "node_modules", ".bin", "claude");

/** Runs `claude -p PROMPT` in a fresh home and working folder, pointed at the gateway. */
async function claudePrint(prompt: string, extraArguments: string[] = []) {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), "kirogate-claude-"));
  try {
    const { stdout } = await run(claude, ["-p", prompt, ...extraArguments], {
      cwd: home,
      timeout: 60_000,
      env: {
        NODE_ENV: "production",
        PATH: process.env.PATH ?? "",
        HOME: home,
        ANTHROPIC_BASE_URL: inject("gatewayUrl"),
        ANTHROPIC_API_KEY: inject("apiKey"),
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
        DISABLE_AUTOUPDATER: "1",
      },
    });
    return stdout;
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
}

describe("Claude Code against the gateway", () => {
  it("prints the reply Kiro gave", async () => {
    await mockState(inject("mockUrl"), { reset: true });
    const output = await claudePrint("Say hello to the gateway");
    expect(output.trim()).toBe("Hello from the Kiro mock — héllo 你好 🌍. You said: Say hello to the gateway");
    const state = await mockState(inject("mockUrl"));
    expect(state.requests.length).toBeGreaterThan(0);
    expect(state.requests.flatMap((request) => request.violations)).toEqual([]);
  });

  it("runs a tool loop: Kiro asks for a tool, Claude Code runs it, the result goes back upstream", async () => {
    await mockState(inject("mockUrl"), { reset: true });
    const output = await claudePrint("[mock:tool:Read] read the notes file", ["--output-format", "json"]);
    const result = JSON.parse(output) as { result: string; num_turns: number; is_error: boolean };
    expect(result.is_error).toBe(false);
    expect(result.num_turns).toBe(2);
    expect(result.result).toMatch(/^Tool results received: /);
    const state = await mockState(inject("mockUrl"));
    const last = state.requests.at(-1)?.body as { conversationState: { currentMessage: { userInputMessage: { userInputMessageContext?: { toolResults?: unknown[] } } } } };
    expect(last.conversationState.currentMessage.userInputMessage.userInputMessageContext?.toolResults).toHaveLength(1);
    expect(state.requests.flatMap((request) => request.violations)).toEqual([]);
  });
});
