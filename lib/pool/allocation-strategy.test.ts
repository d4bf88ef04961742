import { describe, expect, it } from "vitest";
import { chooseByScore, chooseRoundRobin, chooseSequential, scoreCandidate, type AllocationCandidate } from "./allocation-strategy";

const now = 10_000_000;
const candidate = (id: number, overrides: Partial<AllocationCandidate> = {}): AllocationCandidate => ({
  id,
  requestCount: 0,
  failureCount: 0,
  lastUsedAt: null,
  lastFailureAt: null,
  inFlight: 0,
  maximumConcurrent: 4,
  ...overrides,
});

describe("allocation strategies", () => {
  it("round robin walks the candidates in id order", () => {
    const candidates = [candidate(3), candidate(1), candidate(2)];
    expect([0, 1, 2, 3, 4].map((cursor) => chooseRoundRobin(candidates, cursor).id)).toEqual([1, 2, 3, 1, 2]);
  });

  it("sequential stays on the current credential and moves to the next one when it is gone", () => {
    const candidates = [candidate(1), candidate(2), candidate(3)];
    expect(chooseSequential(candidates, undefined).id).toBe(1);
    expect(chooseSequential(candidates, 2).id).toBe(2);
    expect(chooseSequential([candidate(1), candidate(3)], 2).id).toBe(3);
    expect(chooseSequential([candidate(1), candidate(2)], 3).id).toBe(1);
  });

  it("scores success rate, failure recency, load and recent use as documented", () => {
    expect(scoreCandidate(candidate(1), now)).toBeCloseTo(90);
    expect(scoreCandidate(candidate(1, { requestCount: 90, failureCount: 0 }), now)).toBeCloseTo(99);
    expect(scoreCandidate(candidate(1, { requestCount: 10, failureCount: 10 }), now)).toBeCloseTo(45);
    expect(scoreCandidate(candidate(1, { lastFailureAt: now }), now)).toBeCloseTo(50);
    expect(scoreCandidate(candidate(1, { inFlight: 2 }), now)).toBeCloseTo(80);
    expect(scoreCandidate(candidate(1, { lastUsedAt: now }), now)).toBeCloseTo(80);
  });

  it("score_based prefers the healthy credential, avoids one that just failed, and lets equals take turns", () => {
    const healthy = candidate(1, { requestCount: 50, failureCount: 0, lastUsedAt: now - 60_000 });
    const flaky = candidate(2, { requestCount: 50, failureCount: 25, lastUsedAt: now - 60_000 });
    expect(chooseByScore([flaky, healthy], now).id).toBe(1);
    const justFailed = candidate(3, { requestCount: 50, failureCount: 1, lastFailureAt: now - 1000, lastUsedAt: now - 60_000 });
    const failedLongAgo = candidate(4, { requestCount: 50, failureCount: 1, lastFailureAt: now - 3_600_000, lastUsedAt: now - 60_000 });
    expect(chooseByScore([justFailed, failedLongAgo], now).id).toBe(4);

    // A scripted history: three equal credentials; after each pick the chosen one is "just used".
    const pool = [candidate(1), candidate(2), candidate(3)];
    const picks: number[] = [];
    for (let step = 0; step < 6; step += 1) {
      const time = now + step * 1000;
      const chosen = chooseByScore(pool, time);
      picks.push(chosen.id);
      chosen.lastUsedAt = time;
      chosen.requestCount += 1;
    }
    expect(picks).toEqual([1, 2, 3, 1, 2, 3]);
  });
});
