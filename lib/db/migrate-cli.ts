// `npm run db:migrate`: applies the committed migrations to DATABASE_URL (default ./data/kirogate.db).
import nextEnvironment from "@next/env";
import { migrateDatabase, openDatabase } from "./client";

nextEnvironment.loadEnvConfig(process.cwd());
const url = process.env.DATABASE_URL?.trim() || "file:./data/kirogate.db";
const { client, database } = openDatabase({ url, authToken: process.env.DATABASE_AUTH_TOKEN?.trim() || undefined });
try {
  await migrateDatabase(client, database);
  console.log(`Database migrated: ${url.startsWith("file:") ? url : url.replace(/\/\/.*@/, "//")}`);
} catch (error) {
  console.error(`Database migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  client.close();
}
