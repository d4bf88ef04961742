import { and, desc, eq, gte, isNotNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { credential, requestRecord, user, type NewRequestRecord, type RequestRecord } from "../schema";

/**
 * Writes a batch of request records and folds them into the per-credential figures (requests,
 * failures, credits, last used, last failure), all in one atomic batch: either everything is
 * written or nothing is, so a retried batch never counts twice. A record whose id is already stored
 * is skipped.
 */
export async function insertRequestRecords(database: Database, records: NewRequestRecord[]): Promise<void> {
  if (records.length === 0) return;
  type Figures = { requests: number; failures: number; credits: number; lastUsedAt: number; lastFailureAt: number | null };
  const figures = new Map<number, Figures>();
  const touch = (id: number) => {
    let entry = figures.get(id);
    if (!entry) {
      entry = { requests: 0, failures: 0, credits: 0, lastUsedAt: 0, lastFailureAt: null };
      figures.set(id, entry);
    }
    return entry;
  };
  for (const record of records) {
    for (const id of record.failedCredentialIds ?? []) {
      const entry = touch(id);
      entry.requests += 1;
      entry.failures += 1;
      entry.lastUsedAt = Math.max(entry.lastUsedAt, record.createdAt);
      entry.lastFailureAt = Math.max(entry.lastFailureAt ?? 0, record.createdAt);
    }
    if (record.credentialId !== null && record.credentialId !== undefined) {
      const entry = touch(record.credentialId);
      entry.requests += 1;
      entry.credits += record.credits ?? 0;
      entry.lastUsedAt = Math.max(entry.lastUsedAt, record.createdAt);
      if (record.outcome === "upstream_error") {
        entry.failures += 1;
        entry.lastFailureAt = Math.max(entry.lastFailureAt ?? 0, record.createdAt);
      }
    }
  }
  const insert = database.insert(requestRecord).values(records).onConflictDoNothing();
  const updates = [...figures].map(([id, entry]) =>
    database
      .update(credential)
      .set({
        requestCount: sql`${credential.requestCount} + ${entry.requests}`,
        failureCount: sql`${credential.failureCount} + ${entry.failures}`,
        creditsUsed: sql`${credential.creditsUsed} + ${entry.credits}`,
        lastUsedAt: sql`max(coalesce(${credential.lastUsedAt}, 0), ${entry.lastUsedAt})`,
        ...(entry.lastFailureAt !== null ? { lastFailureAt: sql`max(coalesce(${credential.lastFailureAt}, 0), ${entry.lastFailureAt})` } : {}),
      })
      .where(eq(credential.id, id)),
  );
  await database.batch([insert, ...updates]);
}

/** Filters of the request log; all optional. `status` "errors" means any status of 400 or more. */
export type RequestRecordFilter = {
  userId?: number;
  apiKeyId?: number;
  credentialId?: number;
  /** Matches the requested or the used model. */
  model?: string;
  status?: number | "errors" | "success";
  /** Epoch ms: only records made at or after it. */
  since?: number;
};

function recordConditions(filter: RequestRecordFilter) {
  return and(
    filter.userId === undefined ? undefined : eq(requestRecord.userId, filter.userId),
    filter.apiKeyId === undefined ? undefined : eq(requestRecord.apiKeyId, filter.apiKeyId),
    filter.credentialId === undefined ? undefined : eq(requestRecord.credentialId, filter.credentialId),
    filter.model === undefined ? undefined : or(eq(requestRecord.modelRequested, filter.model), eq(requestRecord.modelUsed, filter.model)),
    filter.status === undefined
      ? undefined
      : filter.status === "errors"
        ? gte(requestRecord.status, 400)
        : filter.status === "success"
          ? lt(requestRecord.status, 400)
          : eq(requestRecord.status, filter.status),
    filter.since === undefined ? undefined : gte(requestRecord.createdAt, filter.since),
  );
}

/** The most recent records matching `filter`, newest first (at most `limit`). */
export async function listRequestRecords(database: Database, { limit = 100, ...filter }: RequestRecordFilter & { limit?: number } = {}): Promise<RequestRecord[]> {
  return database.select().from(requestRecord).where(recordConditions(filter)).orderBy(desc(requestRecord.createdAt)).limit(limit);
}

/** Totals of one time bucket. Tokens are as recorded (upstream or estimated); credits are Kiro credits; latency in ms. */
export type UsageBucket = {
  /** Start of the bucket, epoch ms. */
  start: number;
  requests: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
  credits: number;
  averageLatencyMs: number;
};

/**
 * Records since `since` grouped into buckets of `bucketMs` (a minute, an hour, a day), oldest
 * first, with empty buckets filled in so a chart has no gaps. A failure is a status of 500 or more
 * or a gateway/upstream error (client mistakes are not the gateway's failures).
 */
export async function usageBuckets(
  database: Database,
  { since, until, bucketMs, userId }: { since: number; until: number; bucketMs: number; userId?: number },
): Promise<UsageBucket[]> {
  // Inlined as an integer literal: a bound JS number may arrive as a real, and real division would not truncate.
  const size = sql.raw(String(Math.max(1, Math.trunc(bucketMs))));
  const bucket = sql<number>`(${requestRecord.createdAt} / ${size}) * ${size}`;
  const rows = await database
    .select({
      start: bucket,
      requests: sql<number>`count(*)`,
      failures: sql<number>`sum(case when ${requestRecord.outcome} in ('upstream_error', 'gateway_error') then 1 else 0 end)`,
      inputTokens: sql<number>`coalesce(sum(${requestRecord.inputTokens}), 0)`,
      outputTokens: sql<number>`coalesce(sum(${requestRecord.outputTokens}), 0)`,
      credits: sql<number>`coalesce(sum(${requestRecord.credits}), 0)`,
      averageLatencyMs: sql<number>`coalesce(avg(${requestRecord.totalMs}), 0)`,
    })
    .from(requestRecord)
    .where(and(gte(requestRecord.createdAt, since), lt(requestRecord.createdAt, until), userId === undefined ? undefined : eq(requestRecord.userId, userId)))
    .groupBy(bucket);
  const byStart = new Map(rows.map((row) => [Number(row.start), row]));
  const buckets: UsageBucket[] = [];
  for (let start = Math.floor(since / bucketMs) * bucketMs; start < until; start += bucketMs) {
    const row = byStart.get(start);
    buckets.push({
      start,
      requests: Number(row?.requests ?? 0),
      failures: Number(row?.failures ?? 0),
      inputTokens: Number(row?.inputTokens ?? 0),
      outputTokens: Number(row?.outputTokens ?? 0),
      credits: Number(row?.credits ?? 0),
      averageLatencyMs: Math.round(Number(row?.averageLatencyMs ?? 0)),
    });
  }
  return buckets;
}

/** The users with the most requests since `since` (epoch ms), with their login. */
export async function topUsers(database: Database, { since, limit = 5 }: { since: number; limit?: number }) {
  const requests = sql<number>`count(*)`;
  return database
    .select({ userId: requestRecord.userId, login: user.login, requests, credits: sql<number>`coalesce(sum(${requestRecord.credits}), 0)` })
    .from(requestRecord)
    .innerJoin(user, eq(user.id, requestRecord.userId))
    .where(gte(requestRecord.createdAt, since))
    .groupBy(requestRecord.userId)
    .orderBy(desc(requests))
    .limit(limit);
}

/** The models most requested since `since` (epoch ms), by the model Kiro was asked for. */
export async function topModels(database: Database, { since, limit = 5 }: { since: number; limit?: number }) {
  const requests = sql<number>`count(*)`;
  const model = sql<string>`coalesce(${requestRecord.modelUsed}, ${requestRecord.modelRequested}, 'unknown')`;
  return database.select({ model, requests }).from(requestRecord).where(gte(requestRecord.createdAt, since)).groupBy(model).orderBy(desc(requests)).limit(limit);
}

/** Drops the debug bodies of records older than `before` (epoch ms). @returns how many records were cleared. */
export async function purgeDebugBodies(database: Database, { before }: { before: number }): Promise<number> {
  const rows = await database
    .update(requestRecord)
    .set({ debugRequestBody: null, debugUpstreamBody: null })
    .where(and(lt(requestRecord.createdAt, before), or(isNotNull(requestRecord.debugRequestBody), isNotNull(requestRecord.debugUpstreamBody))))
    .returning({ id: requestRecord.id });
  return rows.length;
}
