/** How a request picks among the usable credentials (`TOKEN_ALLOCATION_STRATEGY`). */
export type AllocationStrategy = "round_robin" | "score_based" | "sequential";

/** Every strategy, for validation and documentation. */
export const allocationStrategies: readonly AllocationStrategy[] = ["round_robin", "score_based", "sequential"];

/** What a strategy may look at for one usable credential. Times are epoch ms. */
export type AllocationCandidate = {
  id: number;
  requestCount: number;
  failureCount: number;
  lastUsedAt: number | null;
  lastFailureAt: number | null;
  /** Requests this process is running on it now. */
  inFlight: number;
  maximumConcurrent: number;
};

const failureMemoryMs = 5 * 60 * 1000;
const recentUseMemoryMs = 10 * 1000;

/**
 * The score of `score_based` (higher is better):
 *
 *   100 × (successes + 9) / (requests + 10)         success rate, starting from a prior of 90 % worth ten requests
 * −  40 × e^(−(now − last failure) / 5 min)         a recent failure weighs until it fades
 * −  20 × in flight / maximum concurrent            current load
 * −  10 × e^(−(now − last use) / 10 s)              just used: lets equals take turns
 *
 * The prior keeps one success from lifting a credential above its peers; the last term is what the
 * original KiroGate lacked (it rewarded the most recently used token, so one token took every
 * request): here the one just used steps aside and equals take turns.
 */
export function scoreCandidate(candidate: AllocationCandidate, now: number): number {
  const successes = Math.max(0, candidate.requestCount - candidate.failureCount);
  const successRate = (successes + 9) / (candidate.requestCount + 10);
  const failurePenalty = candidate.lastFailureAt === null ? 0 : Math.exp(-(now - candidate.lastFailureAt) / failureMemoryMs);
  const recentUse = candidate.lastUsedAt === null ? 0 : Math.exp(-(now - candidate.lastUsedAt) / recentUseMemoryMs);
  return 100 * successRate - 40 * failurePenalty - 20 * (candidate.inFlight / candidate.maximumConcurrent) - 10 * recentUse;
}

/** The best-scoring candidate; ties go to the least recently used, then the oldest. `candidates` must not be empty. */
export function chooseByScore(candidates: AllocationCandidate[], now: number): AllocationCandidate {
  let best = candidates[0];
  let bestScore = scoreCandidate(best, now);
  for (const candidate of candidates.slice(1)) {
    const score = scoreCandidate(candidate, now);
    const tie = Math.abs(score - bestScore) < 1e-9;
    if (score > bestScore + 1e-9 || (tie && (candidate.lastUsedAt ?? 0) < (best.lastUsedAt ?? 0))) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** The candidate at `cursor` (a shared counter), counting over candidates in id order. */
export function chooseRoundRobin(candidates: AllocationCandidate[], cursor: number): AllocationCandidate {
  const ordered = [...candidates].sort((left, right) => left.id - right.id);
  return ordered[((cursor % ordered.length) + ordered.length) % ordered.length];
}

/** The current credential while it is usable, else the next one after it in id order (wrapping). */
export function chooseSequential(candidates: AllocationCandidate[], currentId: number | undefined): AllocationCandidate {
  const ordered = [...candidates].sort((left, right) => left.id - right.id);
  if (currentId === undefined) return ordered[0];
  return ordered.find((candidate) => candidate.id === currentId) ?? ordered.find((candidate) => candidate.id > currentId) ?? ordered[0];
}
