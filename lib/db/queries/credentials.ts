import { and, asc, eq, inArray, isNull, notInArray, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { credential, user, type Credential, type NewCredential } from "../schema";

/** Every credential, retired ones included, oldest first. */
export async function listCredentials(database: Database): Promise<Credential[]> {
  return database.select().from(credential).orderBy(asc(credential.id));
}

/** Every credential with its owner's login (null for the operator's), oldest first. */
export async function listCredentialsWithOwner(database: Database): Promise<Array<{ credential: Credential; ownerLogin: string | null }>> {
  return database.select({ credential, ownerLogin: user.login }).from(credential).leftJoin(user, eq(user.id, credential.ownerUserId)).orderBy(asc(credential.id));
}

/** The credentials a user donated, oldest first. */
export async function listCredentialsOfUser(database: Database, { userId }: { userId: number }): Promise<Credential[]> {
  return database.select().from(credential).where(eq(credential.ownerUserId, userId)).orderBy(asc(credential.id));
}

/** Credentials in service: enabled and not retired, whatever their status, oldest first. */
export async function listServingCredentials(database: Database): Promise<Credential[]> {
  return database
    .select()
    .from(credential)
    .where(and(eq(credential.enabled, true), isNull(credential.retiredAt)))
    .orderBy(asc(credential.id));
}

/**
 * Sets state members of a credential (status, cooldown, errors, quota) without touching its
 * version, so a status change never makes a concurrent token write fail its compare-and-swap.
 */
export async function setCredentialState(database: Database, { id, values }: { id: number; values: Partial<NewCredential> }): Promise<void> {
  await database.update(credential).set({ ...values, updatedAt: Date.now() }).where(eq(credential.id, id));
}

/**
 * Takes (or, for its holder, renews) the refresh lease of a credential for `owner` until `until`
 * (epoch ms), unless another owner holds an unexpired one. One statement, so two processes cannot
 * both refresh.
 * @returns true when `owner` holds the lease.
 */
export async function acquireRefreshLease(database: Database, { id, owner, now, until }: { id: number; owner: string; now: number; until: number }): Promise<boolean> {
  const rows = await database
    .update(credential)
    .set({ refreshLeaseOwner: owner, refreshLeaseUntil: until })
    .where(
      and(
        eq(credential.id, id),
        or(isNull(credential.refreshLeaseUntil), sql`${credential.refreshLeaseUntil} < ${now}`, eq(credential.refreshLeaseOwner, owner)),
      ),
    )
    .returning({ id: credential.id });
  return rows.length > 0;
}

/**
 * Gives up the refresh lease of a credential if `owner` still holds it; a lease another instance
 * took after this one's lapsed is left alone.
 */
export async function releaseRefreshLease(database: Database, { id, owner }: { id: number; owner: string }): Promise<void> {
  await database
    .update(credential)
    .set({ refreshLeaseOwner: null, refreshLeaseUntil: null })
    .where(and(eq(credential.id, id), eq(credential.refreshLeaseOwner, owner)));
}

/**
 * Sets state members of a credential (as `setCredentialState`) only while it still holds the
 * refresh token whose hash is `refreshTokenHash`: a verdict about one token never lands on a newer
 * one another instance stored meanwhile.
 * @returns true when the row was updated.
 */
export async function setCredentialStateIfRefreshToken(
  database: Database,
  { id, refreshTokenHash, values }: { id: number; refreshTokenHash: string; values: Partial<NewCredential> },
): Promise<boolean> {
  const rows = await database
    .update(credential)
    .set({ ...values, updatedAt: Date.now() })
    .where(and(eq(credential.id, id), eq(credential.refreshTokenHash, refreshTokenHash)))
    .returning({ id: credential.id });
  return rows.length > 0;
}

/** Deletes a credential. @returns whether it existed. */
export async function deleteCredential(database: Database, { id }: { id: number }): Promise<boolean> {
  const rows = await database.delete(credential).where(eq(credential.id, id)).returning({ id: credential.id });
  return rows.length > 0;
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

/**
 * Counts of the credentials in service (not retired): all, usable now (enabled, `active` or past
 * their cooldown at `now`, and able to serve someone: public, or private with an active owner, since a
 * private credential serves only its owner's keys), and how many are in each status.
 * `usablePrivate` is how many of the usable ones are private, i.e. serve only their owner's keys.
 */
export async function countCredentials(
  database: Database,
  now = Date.now(),
): Promise<{ total: number; usable: number; usablePrivate: number; byStatus: Record<string, number> }> {
  const rows = await database
    .select({
      status: credential.status,
      enabled: credential.enabled,
      availableAt: credential.availableAt,
      visibility: credential.visibility,
      ownerUserId: credential.ownerUserId,
      ownerStatus: user.status,
    })
    .from(credential)
    .leftJoin(user, eq(user.id, credential.ownerUserId))
    .where(isNull(credential.retiredAt));
  const byStatus: Record<string, number> = {};
  let usable = 0;
  let usablePrivate = 0;
  for (const row of rows) {
    const status = row.enabled ? row.status : "disabled";
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    const available = row.enabled && (row.status === "active" || ((row.status === "cooling" || row.status === "exhausted") && (row.availableAt ?? 0) <= now));
    // A private account serves only its owner's keys: nobody's without an owner, nobody's while the owner is banned.
    const servesSomeone = row.visibility === "public" || (row.ownerUserId !== null && row.ownerStatus === "active");
    if (available && servesSomeone) {
      usable += 1;
      if (row.visibility === "private") usablePrivate += 1;
    }
  }
  return { total: rows.length, usable, usablePrivate, byStatus };
}
