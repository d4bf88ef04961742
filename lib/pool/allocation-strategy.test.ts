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
    expect(scoreCandidate(candidate(1), now)).toBeCloseTo(100);
    expect(scoreCandidate(candidate(1, { requestCount: 10, failureCount: 10 }), now)).toBeCloseTo(50);
    expect(scoreCandidate(candidate(1, { requestCount: 0, failureCount: 0, lastFailureAt: now }), now)).toBeCloseTo(60);
    expect(scoreCandidate(candidate(1, { inFlight: 2 }), now)).toBeCloseTo(90);
    expect(scoreCandidate(candidate(1, { lastUsedAt: now }), now)).toBeCloseTo(90);
    expect(scoreCandidate(candidate(1, { lastUsedAt: now - 10_000 }), now)).toBeCloseTo(100 - 10 / Math.E);
  });

  it("does not reward volume: a credential that never failed scores the same however much it served", () => {
    const scores = [0, 7, 13, 37, 10_000].map((requestCount) => scoreCandidate(candidate(1, { requestCount }), now));
    for (const score of scores) expect(score).toBeCloseTo(100);
    // A failure weighs less on a long record than on a short one, but never lifts it above a clean one.
    const oneFailureIn10 = scoreCandidate(candidate(1, { requestCount: 10, failureCount: 1 }), now);
    const oneFailureIn1000 = scoreCandidate(candidate(1, { requestCount: 1000, failureCount: 1 }), now);
    expect(oneFailureIn10).toBeLessThan(oneFailureIn1000);
    expect(oneFailureIn1000).toBeLessThan(100);
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

    // The same with unequal pasts (37/13/7 successes), one pick a second for 21 seconds.
    const busy = [candidate(1, { requestCount: 37 }), candidate(2, { requestCount: 13 }), candidate(3, { requestCount: 7 })];
    const counts = new Map<number, number>();
    for (let step = 0; step < 21; step += 1) {
      const time = now + step * 1000;
      const chosen = chooseByScore(busy, time);
      counts.set(chosen.id, (counts.get(chosen.id) ?? 0) + 1);
      chosen.lastUsedAt = time;
      chosen.requestCount += 1;
    }
    expect([...counts.values()]).toEqual([7, 7, 7]);
  });

  it("score_based keeps away from a loaded credential", () => {
    const loaded = candidate(1, { inFlight: 3 });
    const idle = candidate(2, { lastUsedAt: now - 1000 });
    expect(chooseByScore([loaded, idle], now).id).toBe(2);
  });
});
