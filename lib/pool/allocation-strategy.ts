/** How a request picks among the usable credentials (`TOKEN_ALLOCATION_STRATEGY`). */
export type AllocationStrategy = "round_robin" | "score_based" | "sequential";

/** Every strategy, for validation and documentation. */
export const allocationStrategies: readonly AllocationStrategy[] = ["round_robin", "score_based", "sequential"];

/** What a strategy may look at for one usable credential. Times are epoch ms. */
export type AllocationCandidate = {
  id: number;
  requestCount: number;
  failureCount: number;
  /** The later of the stored last use and this process's last pick of it. */
  lastUsedAt: number | null;
  lastFailureAt: number | null;
  /** Requests this process is running on it now. */
  inFlight: number;
  maximumConcurrent: number;
  /** Rank of this process's last pick of it (higher is later; absent if never picked): orders picks made within one millisecond. */
  pickSequence?: number;
};

const failureMemoryMs = 5 * 60 * 1000;
const recentUseMemoryMs = 10 * 1000;
// Successful requests every credential starts with: one early failure cannot sink a credential.
const priorSuccesses = 10;

/**
 * The score of `score_based` (higher is better, at most 100):
 *
 *   100 × (successes + 10) / (requests + 10)        success rate, starting from ten successful requests
 * −  40 × e^(−(now − last failure) / 5 min)         a recent failure weighs until it fades
 * −  20 × in flight / maximum concurrent            current load
 * −  10 × e^(−(now − last use) / 10 s)              just used: lets equals take turns
 *
 * The success term is a rate that never rewards volume: a credential that never failed scores 100
 * however many requests it served, so past traffic cannot outweigh the recent-use term and keep one
 * credential winning; failures lower it, a single one less on a long record than on a short one.
 * "Last use" counts this process's own picks at once (stored last use arrives only with the
 * request records), so even a burst of back-to-back requests takes turns.
 */
export function scoreCandidate(candidate: AllocationCandidate, now: number): number {
  const successes = Math.max(0, candidate.requestCount - candidate.failureCount);
  const successRate = (successes + priorSuccesses) / (candidate.requestCount + priorSuccesses);
  const failurePenalty = candidate.lastFailureAt === null ? 0 : Math.exp(-Math.max(0, now - candidate.lastFailureAt) / failureMemoryMs);
  const recentUse = candidate.lastUsedAt === null ? 0 : Math.exp(-Math.max(0, now - candidate.lastUsedAt) / recentUseMemoryMs);
  return 100 * successRate - 40 * failurePenalty - 20 * (candidate.inFlight / candidate.maximumConcurrent) - 10 * recentUse;
}

/**
 * The best-scoring candidate; ties go to the least recently used (by last use, then by this
 * process's pick order), then the oldest. `candidates` must not be empty.
 */
export function chooseByScore(candidates: AllocationCandidate[], now: number): AllocationCandidate {
  let best = candidates[0];
  let bestScore = scoreCandidate(best, now);
  for (const candidate of candidates.slice(1)) {
    const score = scoreCandidate(candidate, now);
    if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && usedEarlier(candidate, best))) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function usedEarlier(candidate: AllocationCandidate, other: AllocationCandidate): boolean {
  const [candidateUse, otherUse] = [candidate.lastUsedAt ?? 0, other.lastUsedAt ?? 0];
  if (candidateUse !== otherUse) return candidateUse < otherUse;
  return (candidate.pickSequence ?? 0) < (other.pickSequence ?? 0);
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
