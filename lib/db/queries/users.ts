import { and, desc, eq, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { apiKey, user, type ApiKey, type User } from "../schema";

/** One user by id, or undefined. */
export async function getUserById(database: Database, { id }: { id: number }): Promise<User | undefined> {
  return (await database.select().from(user).where(eq(user.id, id)).limit(1))[0];
}

/** The user of a GitHub account, by GitHub's numeric id, or undefined. */
export async function getUserByGithubId(database: Database, { githubId }: { githubId: string }): Promise<User | undefined> {
  return (await database.select().from(user).where(eq(user.githubId, githubId)).limit(1))[0];
}

/**
 * Creates or updates the user of a GitHub sign-in (matched by GitHub's numeric id, so a renamed
 * account stays the same user) and stamps the sign-in time. `allowNew: false` refuses to create one.
 * @returns the user, or undefined when it would be new and new users are not allowed.
 */
export async function upsertGithubUser(
  database: Database,
  { githubId, login, name, avatarUrl, now, allowNew }: { githubId: string; login: string; name?: string | null; avatarUrl?: string | null; now: number; allowNew: boolean },
): Promise<User | undefined> {
  const existing = (await database.select().from(user).where(eq(user.githubId, githubId)).limit(1))[0];
  if (existing) {
    // A refused (banned) sign-in is not a sign-in: its time is not stamped.
    const signedIn = existing.status === "active" ? { lastSignInAt: now } : {};
    const rows = await database.update(user).set({ login, name: name ?? null, avatarUrl: avatarUrl ?? null, ...signedIn }).where(eq(user.id, existing.id)).returning();
    return rows[0];
  }
  if (!allowNew) return undefined;
  const rows = await database
    .insert(user)
    .values({ provider: "github", githubId, login, name: name ?? null, avatarUrl: avatarUrl ?? null, createdAt: now, lastSignInAt: now })
    .onConflictDoUpdate({ target: user.githubId, set: { login, lastSignInAt: now } })
    .returning();
  return rows[0];
}

/** The operator of the password sign-in: one user row, created on first sign-in. */
export async function upsertPasswordOperator(database: Database, { now }: { now: number }): Promise<User> {
  const existing = (await database.select().from(user).where(eq(user.provider, "password")).limit(1))[0];
  if (existing) return (await database.update(user).set({ lastSignInAt: now }).where(eq(user.id, existing.id)).returning())[0];
  return (await database.insert(user).values({ provider: "password", login: "operator", name: "Operator", createdAt: now, lastSignInAt: now }).returning())[0];
}

/** Bans or unbans a user. A ban also ends every session begun before it, so an unban does not revive them. */
export async function setUserStatus(database: Database, { id, status }: { id: number; status: User["status"] }): Promise<void> {
  await database
    .update(user)
    .set(status === "banned" ? { status, sessionsValidAfter: Date.now() } : { status })
    .where(eq(user.id, id));
}

/**
 * Users whose login or name contains `search` literally (case-insensitive for ASCII; `%`, `_` and
 * `\` are plain characters, not wildcards), newest first, with their key and credential counts.
 */
export async function searchUsers(database: Database, { search, limit = 200 }: { search?: string; limit?: number }) {
  // LIKE's wildcards and the escape character itself are escaped, so the text is matched as typed.
  const pattern = `%${(search ?? "").replace(/[\\%_]/g, "\\$&")}%`;
  const contains = (column: typeof user.login | typeof user.name) => sql`${column} like ${pattern} escape '\\'`;
  return database
    .select({
      user,
      // Spelled out: drizzle leaves columns unqualified in a select's subqueries, where "id" would be the inner table's.
      keyCount: sql<number>`(select count(*) from "api_key" where "api_key"."user_id" = "user"."id" and "api_key"."revoked_at" is null)`,
      credentialCount: sql<number>`(select count(*) from "credential" where "credential"."owner_user_id" = "user"."id")`,
      requestCount: sql<number>`(select count(*) from "request_record" where "request_record"."user_id" = "user"."id")`,
    })
    .from(user)
    .where(search ? or(contains(user.login), contains(user.name)) : undefined)
    .orderBy(desc(user.createdAt))
    .limit(limit);
}

/** A user's API keys (revoked ones too), newest first. */
export async function listUserApiKeys(database: Database, { userId }: { userId: number }): Promise<ApiKey[]> {
  return database.select().from(apiKey).where(eq(apiKey.userId, userId)).orderBy(desc(apiKey.createdAt));
}

/** Every API key with its owner's login, newest first. */
export async function listAllApiKeys(database: Database, { limit = 500 }: { limit?: number } = {}) {
  return database.select({ apiKey, login: user.login }).from(apiKey).innerJoin(user, eq(user.id, apiKey.userId)).orderBy(desc(apiKey.createdAt)).limit(limit);
}

/** Stores a new API key (its hash and display prefix only). */
export async function insertApiKey(database: Database, values: typeof apiKey.$inferInsert): Promise<ApiKey> {
  return (await database.insert(apiKey).values(values).returning())[0];
}

/** The key with this hash and its owner, or undefined. */
export async function findApiKeyByHash(database: Database, { keyHash }: { keyHash: string }): Promise<{ apiKey: ApiKey; user: User } | undefined> {
  return (await database.select({ apiKey, user }).from(apiKey).innerJoin(user, eq(user.id, apiKey.userId)).where(eq(apiKey.keyHash, keyHash)).limit(1))[0];
}

/** Revokes a key, only if `userId` (when given) owns it. @returns whether a key was revoked. */
export async function revokeApiKey(database: Database, { id, userId, now }: { id: number; userId?: number; now: number }): Promise<boolean> {
  const rows = await database
    .update(apiKey)
    .set({ revokedAt: now })
    .where(and(eq(apiKey.id, id), userId === undefined ? undefined : eq(apiKey.userId, userId), sql`${apiKey.revokedAt} is null`))
    .returning({ id: apiKey.id });
  return rows.length > 0;
}

/** Stamps a key's last use. */
export async function touchApiKey(database: Database, { id, now }: { id: number; now: number }): Promise<void> {
  await database.update(apiKey).set({ lastUsedAt: now }).where(eq(apiKey.id, id));
}
