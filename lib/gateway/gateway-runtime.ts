import type { Client } from "@libsql/client";
import { migrateDatabase, openDatabase, type Database } from "@/lib/db/client";
import { getEnvironment, kiroOidcBaseUrl, kiroSocialAuthBaseUrl, type Environment } from "@/lib/env";
import { CredentialPool } from "@/lib/pool/credential-pool";
import { createSecretBox, type SecretBox } from "@/lib/pool/secret-box";
import { collectCredentialSeeds, seedCredentials, writeRotatedTokenToCredentialsFile } from "@/lib/pool/seed-credentials";
import { logger } from "./logger";

/** Everything a request needs that lives for the whole process. */
export type GatewayRuntime = {
  environment: Environment;
  client: Client;
  database: Database;
  secretBox: SecretBox;
  pool: CredentialPool;
};

// Kept on globalThis so `next dev` module reloads reuse one database connection and one pool.
const globalStore = globalThis as typeof globalThis & { kiroGatewayRuntime?: Promise<GatewayRuntime> };

/**
 * The process-wide runtime, created on first use: validates the environment, opens and migrates
 * the database, seeds credentials from `REFRESH_TOKEN` / `KIRO_CREDS_FILE`. Started eagerly from
 * `instrumentation.ts`; also awaited by each request, so a platform that skips instrumentation
 * still works.
 * @throws EnvironmentError for bad configuration, or the database error; a later call retries.
 */
export function getGatewayRuntime(): Promise<GatewayRuntime> {
  globalStore.kiroGatewayRuntime ??= createRuntime().catch((error: unknown) => {
    globalStore.kiroGatewayRuntime = undefined;
    throw error;
  });
  return globalStore.kiroGatewayRuntime;
}

async function createRuntime(): Promise<GatewayRuntime> {
  const environment = getEnvironment();
  const { client, database } = openDatabase({ url: environment.DATABASE_URL, authToken: environment.DATABASE_AUTH_TOKEN });
  await migrateDatabase(client, database);
  const secretBox = createSecretBox(environment.TOKEN_ENCRYPT_KEY);
  try {
    const { seeds, warnings } = await collectCredentialSeeds(environment);
    for (const warning of warnings) logger.warn(warning);
    const counts = await seedCredentials(database, secretBox, seeds);
    if (seeds.length) logger.info(`credentials from configuration: ${counts.inserted} added, ${counts.updated} replaced, ${counts.unchanged} already known`);
  } catch (error) {
    // A bad KIRO_CREDS_FILE must not take down a gateway that may have other credentials.
    logger.error(`could not load credentials from configuration: ${error instanceof Error ? error.message : String(error)}`);
  }
  const pool = new CredentialPool({
    database,
    secretBox,
    endpoints: {
      socialBaseUrl: (region) => kiroSocialAuthBaseUrl(environment, region),
      oidcBaseUrl: (region) => kiroOidcBaseUrl(environment, region),
    },
    onRefreshTokenRotated: writeRotatedTokenToCredentialsFile,
  });
  return { environment, client, database, secretBox, pool };
}
