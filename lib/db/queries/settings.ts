import { eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { setting } from "../schema";

/** A setting's parsed JSON value, or undefined when it was never set. */
export async function getSetting<T>(database: Database, { key }: { key: string }): Promise<T | undefined> {
  const rows = await database.select({ value: setting.value }).from(setting).where(eq(setting.key, key)).limit(1);
  return rows[0] ? (JSON.parse(rows[0].value) as T) : undefined;
}

/** Stores a setting (as JSON). */
export async function setSetting(database: Database, { key, value }: { key: string; value: unknown }): Promise<void> {
  const json = JSON.stringify(value);
  await database
    .insert(setting)
    .values({ key, value: json, updatedAt: Date.now() })
    .onConflictDoUpdate({ target: setting.key, set: { value: json, updatedAt: Date.now() } });
}

/** Removes a setting, so readers fall back to their default. */
export async function deleteSetting(database: Database, { key }: { key: string }): Promise<void> {
  await database.delete(setting).where(eq(setting.key, key));
}

/**
 * Atomically adds one to an integer setting and returns the new value: one statement, so every
 * instance sharing the database sees each value once (the round-robin cursor).
 */
export async function incrementCounter(database: Database, { key }: { key: string }): Promise<number> {
  const rows = await database
    .insert(setting)
    .values({ key, value: "1", updatedAt: Date.now() })
    .onConflictDoUpdate({ target: setting.key, set: { value: sql`cast(cast(${setting.value} as integer) + 1 as text)`, updatedAt: Date.now() } })
    .returning({ value: setting.value });
  return Number(rows[0].value);
}

/**
 * Takes (or renews) a lease named `key` for `owner` until `until` (epoch ms), unless another owner
 * holds one that has not expired by `now`. One statement, so two instances cannot both win.
 * @returns true when `owner` holds the lease.
 */
export async function acquireLease(database: Database, { key, owner, now, until }: { key: string; owner: string; now: number; until: number }): Promise<boolean> {
  const value = JSON.stringify({ owner, until });
  const rows = await database
    .insert(setting)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({
      target: setting.key,
      set: { value, updatedAt: now },
      setWhere: sql`json_extract(${setting.value}, '$.until') < ${now} or json_extract(${setting.value}, '$.owner') = ${owner}`,
    })
    .returning({ key: setting.key });
  return rows.length > 0;
}

/** Gives up a lease `owner` holds (another owner's lease is left alone). */
export async function releaseLease(database: Database, { key, owner }: { key: string; owner: string }): Promise<void> {
  await database.delete(setting).where(sql`${setting.key} = ${key} and json_extract(${setting.value}, '$.owner') = ${owner}`);
}
