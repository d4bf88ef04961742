import { and, asc, eq, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { credential, type Credential, type NewCredential } from "../schema";

/** Every credential, oldest first. */
export async function listCredentials(database: Database): Promise<Credential[]> {
  return database.select().from(credential).orderBy(asc(credential.id));
}

/** Credentials that may serve requests now (enabled and `active`), oldest first. */
export async function listUsableCredentials(database: Database): Promise<Credential[]> {
  return database
    .select()
    .from(credential)
    .where(and(eq(credential.enabled, true), eq(credential.status, "active")))
    .orderBy(asc(credential.id));
}

/** One credential by id, or undefined. */
export async function getCredentialById(database: Database, { id }: { id: number }): Promise<Credential | undefined> {
  const rows = await database.select().from(credential).where(eq(credential.id, id)).limit(1);
  return rows[0];
}

/** The credential seeded from `sourceKey`, or holding a refresh token with this hash (now or when seeded). */
export async function findCredentialBySeed(
  database: Database,
  { sourceKey, refreshTokenHash }: { sourceKey: string; refreshTokenHash: string },
): Promise<{ byToken?: Credential; bySource?: Credential }> {
  const rows = await database
    .select()
    .from(credential)
    .where(
      or(
        eq(credential.sourceKey, sourceKey),
        eq(credential.refreshTokenHash, refreshTokenHash),
        eq(credential.seedRefreshTokenHash, refreshTokenHash),
      ),
    );
  return {
    byToken: rows.find((row) => row.refreshTokenHash === refreshTokenHash || row.seedRefreshTokenHash === refreshTokenHash),
    bySource: rows.find((row) => row.sourceKey === sourceKey),
  };
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

/** Counts of all credentials and of those that may serve requests now. */
export async function countCredentials(database: Database): Promise<{ total: number; usable: number }> {
  const rows = await database
    .select({
      total: sql<number>`count(*)`,
      usable: sql<number>`coalesce(sum(case when ${credential.enabled} = 1 and ${credential.status} = 'active' then 1 else 0 end), 0)`,
    })
    .from(credential);
  return { total: Number(rows[0]?.total ?? 0), usable: Number(rows[0]?.usable ?? 0) };
}
