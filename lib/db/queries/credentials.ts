import { and, asc, eq, inArray, isNull, notInArray, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { credential, type Credential, type NewCredential } from "../schema";

/** Every credential, retired ones included, oldest first. */
export async function listCredentials(database: Database): Promise<Credential[]> {
  return database.select().from(credential).orderBy(asc(credential.id));
}

const isUsable = and(eq(credential.enabled, true), eq(credential.status, "active"), isNull(credential.retiredAt));

/** Credentials that may serve requests now (enabled, `active`, not retired), oldest first. */
export async function listUsableCredentials(database: Database): Promise<Credential[]> {
  return database.select().from(credential).where(isUsable).orderBy(asc(credential.id));
}

/** One credential by id, or undefined. */
export async function getCredentialById(database: Database, { id }: { id: number }): Promise<Credential | undefined> {
  const rows = await database.select().from(credential).where(eq(credential.id, id)).limit(1);
  return rows[0];
}

/** The credential holding a refresh token with this hash, now or as first seeded (before any rotation). */
export async function findCredentialByRefreshTokenHash(database: Database, { refreshTokenHash }: { refreshTokenHash: string }): Promise<Credential | undefined> {
  const rows = await database
    .select()
    .from(credential)
    .where(or(eq(credential.refreshTokenHash, refreshTokenHash), eq(credential.seedRefreshTokenHash, refreshTokenHash)))
    .limit(1);
  return rows[0];
}

/**
 * Marks as retired (epoch ms `now`) every credential seeded from the configuration whose id is not
 * in `keptIds`; un-retires the kept ones. Credentials added through the admin API are untouched.
 * @returns how many were newly retired.
 */
export async function retireUnlistedSeededCredentials(database: Database, { keptIds, now }: { keptIds: number[]; now: number }): Promise<number> {
  const seeded = or(eq(credential.source, "environment"), eq(credential.source, "file"));
  if (keptIds.length) {
    await database.update(credential).set({ retiredAt: null }).where(and(seeded, inArray(credential.id, keptIds)));
  }
  const retired = await database
    .update(credential)
    .set({ retiredAt: now, updatedAt: now })
    .where(and(seeded, isNull(credential.retiredAt), keptIds.length ? notInArray(credential.id, keptIds) : undefined))
    .returning({ id: credential.id });
  return retired.length;
}

/** Inserts a credential and returns the stored row. */
export async function insertCredential(database: Database, values: NewCredential): Promise<Credential> {
  const rows = await database.insert(credential).values(values).returning();
  return rows[0];
}

/**
 * Updates a credential only if its `version` is still `expectedVersion`, bumping the version
 * (compare-and-swap: two processes refreshing one credential cannot both win).
 * @returns true when the row was updated.
 */
export async function updateCredentialIfVersion(
  database: Database,
  { id, expectedVersion, values }: { id: number; expectedVersion: number; values: Partial<NewCredential> },
): Promise<boolean> {
  const rows = await database
    .update(credential)
    .set({ ...values, version: sql`${credential.version} + 1`, updatedAt: Date.now() })
    .where(and(eq(credential.id, id), eq(credential.version, expectedVersion)))
    .returning({ id: credential.id });
  return rows.length > 0;
}

/** Counts of the credentials in service (not retired) and of those that may serve requests now. */
export async function countCredentials(database: Database): Promise<{ total: number; usable: number }> {
  const rows = await database
    .select({
      total: sql<number>`count(*)`,
      usable: sql<number>`coalesce(sum(case when ${credential.enabled} = 1 and ${credential.status} = 'active' then 1 else 0 end), 0)`,
    })
    .from(credential)
    .where(isNull(credential.retiredAt));
  return { total: Number(rows[0]?.total ?? 0), usable: Number(rows[0]?.usable ?? 0) };
}
