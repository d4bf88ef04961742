import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, openDatabase } from "@/lib/db/client";

/** A migrated embedded database in a fresh temporary folder, for tests. */
export async function createTemporaryDatabase() {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), "kirogate-db-"));
  const url = `file:${path.join(folder, "test.db")}`;
  const { client, database } = openDatabase({ url });
  await migrateDatabase(client, database);
  return { url, folder, client, database };
}
