import { randomUUID } from "node:crypto";
import { request } from "undici";
import { kiroRequestHeaders } from "@/lib/llm/upstreams/kiro/kiro-request-headers";

/** A Kiro account's quota for the current period: credits, and when (epoch ms) the period resets. */
export type UsageLimits = { limit: number; used: number; remaining: number; resetsAt?: number };

type Breakdown = {
  resourceType?: string;
  usageLimit?: number;
  usageLimitWithPrecision?: number;
  currentUsage?: number;
  currentUsageWithPrecision?: number;
  freeTrialInfo?: { freeTrialStatus?: string; usageLimit?: number; usageLimitWithPrecision?: number; currentUsage?: number; currentUsageWithPrecision?: number };
  bonuses?: Array<{ status?: string; usageLimit?: number; usageLimitWithPrecision?: number; currentUsage?: number; currentUsageWithPrecision?: number }>;
  nextDateReset?: string | number;
};

const amount = (precise?: number, whole?: number) => (typeof precise === "number" ? precise : typeof whole === "number" ? whole : 0);

function readTime(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value < 1e12 ? value * 1000 : value;
  if (typeof value === "string") {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

/**
 * Reads a `getUsageLimits` answer: the credit breakdown's limit and use, plus an active free trial
 * and active bonuses, and the reset date (ISO text or epoch seconds). Field names as kiro.rs reads them.
 */
export function parseUsageLimits(body: unknown): UsageLimits | undefined {
  if (!body || typeof body !== "object") return undefined;
  const json = body as { usageBreakdownList?: Breakdown[]; nextDateReset?: string | number };
  const list = Array.isArray(json.usageBreakdownList) ? json.usageBreakdownList : [];
  const breakdown = list.find((item) => item.resourceType === "CREDIT") ?? list[0];
  if (!breakdown) return undefined;
  let limit = amount(breakdown.usageLimitWithPrecision, breakdown.usageLimit);
  let used = amount(breakdown.currentUsageWithPrecision, breakdown.currentUsage);
  const trial = breakdown.freeTrialInfo;
  if (trial?.freeTrialStatus === "ACTIVE") {
    limit += amount(trial.usageLimitWithPrecision, trial.usageLimit);
    used += amount(trial.currentUsageWithPrecision, trial.currentUsage);
  }
  for (const bonus of breakdown.bonuses ?? []) {
    if ((bonus.status ?? "ACTIVE").toUpperCase() !== "ACTIVE") continue;
    limit += amount(bonus.usageLimitWithPrecision, bonus.usageLimit);
    used += amount(bonus.currentUsageWithPrecision, bonus.currentUsage);
  }
  return { limit, used, remaining: Math.max(0, limit - used), resetsAt: readTime(breakdown.nextDateReset ?? json.nextDateReset) };
}

/** Kiro refused a `getUsageLimits` call; `status` is its HTTP status (403: the access token is not accepted). */
export class UsageLimitsError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "UsageLimitsError";
  }
}

/**
 * Asks Kiro for an account's quota: `GET {apiBaseUrl}/getUsageLimits` (spec §2.1; origin
 * AI_EDITOR, resource type AGENTIC_REQUEST, the profile ARN for social logins).
 * @throws UsageLimitsError with the HTTP status when Kiro refuses; network errors as undici throws them.
 */
export async function fetchUsageLimits(options: { apiBaseUrl: string; accessToken: string; machineId: string; profileArn?: string }): Promise<UsageLimits | undefined> {
  const url = new URL(`${options.apiBaseUrl.replace(/\/+$/, "")}/getUsageLimits`);
  url.searchParams.set("origin", "AI_EDITOR");
  url.searchParams.set("resourceType", "AGENTIC_REQUEST");
  if (options.profileArn) url.searchParams.set("profileArn", options.profileArn);
  const response = await request(url, {
    method: "GET",
    headers: kiroRequestHeaders({ accessToken: options.accessToken, machineId: options.machineId, invocationId: randomUUID() }),
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new UsageLimitsError(`getUsageLimits answered HTTP ${response.statusCode}`, response.statusCode);
  try {
    return parseUsageLimits(JSON.parse(text));
  } catch {
    return undefined;
  }
}
