import { and, desc, eq, isNotNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { credential, requestRecord, type NewRequestRecord, type RequestRecord } from "../schema";

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

/** The most recent records, newest first (at most `limit`), optionally of one credential. */
export async function listRequestRecords(database: Database, { limit = 100, credentialId }: { limit?: number; credentialId?: number } = {}): Promise<RequestRecord[]> {
  return database
    .select()
    .from(requestRecord)
    .where(credentialId === undefined ? undefined : eq(requestRecord.credentialId, credentialId))
    .orderBy(desc(requestRecord.createdAt))
    .limit(limit);
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
