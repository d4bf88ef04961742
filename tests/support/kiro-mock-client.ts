import type { KiroMockState } from "../kiro-mock/kiro-mock-server";

/** Reads the mock's counters and recorded requests; `reset` clears them first. */
export async function mockState(mockUrl: string, options: { reset?: boolean } = {}): Promise<KiroMockState> {
  const response = await fetch(`${mockUrl}/__mock/state`, { method: options.reset ? "POST" : "GET" });
  return (await response.json()) as KiroMockState;
}
