import fs from "node:fs";
import path from "node:path";
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import * as schema from "./schema";

/** How long (ms) a write to an embedded file waits for another process's write to finish. */
const busyTimeoutMs = 5000;

/** The Drizzle database over libSQL, typed with the project schema. */
export type Database = LibSQLDatabase<typeof schema>;

/** Where the committed migrations live; `next start` and the CLI both run from the project root. */
export const migrationsFolder = path.join(process.cwd(), "lib", "db", "migrations");

/**
 * Opens a libSQL database: an embedded file (`file:./data/kirogate.db`, its folder created if
 * missing) or a libSQL server / Turso (`libsql://`, `http(s)://`, `ws(s)://` with an auth token).
 * @throws when the URL cannot be opened.
 */
export function openDatabase(options: { url: string; authToken?: string }): { client: Client; database: Database } {
  if (options.url.startsWith("file:")) {
    const filePath = options.url.slice("file:".length).split("?")[0];
    // libSQL cannot create the parent folder itself (toolchain.md pitfall 13).
    fs.mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true });
  }
  // libSQL opens more connections to a file as concurrent queries overlap, and a `PRAGMA
  // busy_timeout` reaches only the connection it ran on; `timeout` (ms) sets it on every one, so a
  // write that meets another process's write waits for it instead of failing "database is locked".
  const client = createClient({ url: options.url, authToken: options.authToken, ...(options.url.startsWith("file:") ? { timeout: busyTimeoutMs } : {}) });
  return { client, database: drizzle(client, { schema }) };
}

/**
 * Applies every committed migration not yet applied; safe to call on every start and from several
 * processes (Drizzle records applied migrations in `__drizzle_migrations`).
 * For an embedded file it also switches on WAL so readers do not block the writer.
 */
export async function migrateDatabase(client: Client, database: Database): Promise<void> {
  if (client.protocol === "file") {
    await client.execute("PRAGMA journal_mode = WAL");
  }
  await migrate(database, { migrationsFolder });
}

/**
 * Whether `error` is SQLite refusing a duplicate (a UNIQUE or primary-key constraint), anywhere in
 * its cause chain: drizzle wraps the driver's error in "Failed query: …".
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth += 1) {
    const { message, code } = current as { message?: unknown; code?: unknown };
    if (/UNIQUE constraint failed|PRIMARY KEY constraint failed/i.test(String(message)) || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") return true;
  }
  return false;
}
