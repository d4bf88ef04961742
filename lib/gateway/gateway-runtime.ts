import type net from "node:net";
import type { Client } from "@libsql/client";
import { addressSet } from "@/lib/auth/client-address";
import { migrateDatabase, openDatabase, type Database } from "@/lib/db/client";
import { countCredentials } from "@/lib/db/queries/credentials";
import { EnvironmentError, getEnvironment, kiroOidcBaseUrl, kiroSocialAuthBaseUrl, type Environment } from "@/lib/env";
import { createThinkingSigner, type ThinkingSigner } from "@/lib/llm/unified/thinking-signature";
import { resolveKiroModel } from "@/lib/llm/upstreams/kiro/kiro-model-ids";
import { OwnTokenCache } from "@/lib/pool/bring-your-own-token";
import { CredentialPool } from "@/lib/pool/credential-pool";
import { createSecretBox, type SecretBox } from "@/lib/pool/secret-box";
import { collectCredentialSeeds, seedCredentials, writeRotatedTokenToCredentialsFile } from "@/lib/pool/seed-credentials";
import { logger } from "./logger";
import { RequestRecorder } from "./request-recorder";
import { IpBlocklist, SiteSettingsStore } from "./site-settings";

/** Everything a request needs that lives for the whole process. */
export type GatewayRuntime = {
  environment: Environment;
  client: Client;
  database: Database;
  secretBox: SecretBox;
  /** Signs the thinking blocks the gateway returns and verifies them when clients send them back. */
  thinkingSigner: ThinkingSigner;
  pool: CredentialPool;
  /** Access tokens of clients' own refresh tokens (`PROXY_API_KEY:REFRESH_TOKEN` keys), in memory only. */
  ownTokens: OwnTokenCache;
  recorder: RequestRecorder;
  /** Set when the process is stopping: new chat requests are turned away while running ones finish. */
  draining: boolean;
  /** Chat requests running now (until their record is made). */
  activeRequests: number;
  settings: SiteSettingsStore;
  ipBlocklist: IpBlocklist;
  /** `TRUSTED_PROXIES`, whose X-Forwarded-For is believed. */
  trustedProxies: net.BlockList;
};

// Kept on globalThis so `next dev` module reloads reuse one database connection and one pool.
const globalStore = globalThis as typeof globalThis & { kiroGatewayRuntime?: Promise<GatewayRuntime> };

/**
 * The process-wide runtime, created on first use: validates the environment (`FORCE_MODEL` and a
 * readable `KIRO_CREDS_FILE` included), opens and migrates the database, seeds credentials from
 * `REFRESH_TOKEN` / `KIRO_CREDS_FILE` and retires those no longer configured. Started eagerly from
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
  if (environment.FORCE_MODEL) {
    try {
      resolveKiroModel(environment.FORCE_MODEL);
    } catch (error) {
      throw new EnvironmentError(`Invalid configuration — FORCE_MODEL: ${(error as Error).message}`);
    }
  }
  const { client, database } = openDatabase({ url: environment.DATABASE_URL, authToken: environment.DATABASE_AUTH_TOKEN });
  await migrateDatabase(client, database);
  const secretBox = createSecretBox(environment.TOKEN_ENCRYPT_KEY);
  let collected: Awaited<ReturnType<typeof collectCredentialSeeds>>;
  try {
    collected = await collectCredentialSeeds(environment);
  } catch (error) {
    throw new EnvironmentError(`Invalid configuration — ${(error as Error).message}`);
  }
  for (const warning of collected.warnings) logger.warn(warning);
  const counts = await seedCredentials(database, secretBox, collected.seeds);
  if (counts.inserted || counts.retired) {
    logger.info(`credentials from configuration: ${counts.inserted} added, ${counts.unchanged} already known, ${counts.retired} no longer configured (retired)`);
  }
  const { usable, total } = await countCredentials(database);
  if (usable === 0) {
    logger.warn(
      total === 0
        ? "no Kiro credential is configured: requests will get 503 until you set REFRESH_TOKEN or KIRO_CREDS_FILE"
        : `none of the ${total} Kiro credentials is usable (see /health): requests will get 503`,
    );
  }
  const pool = new CredentialPool({
    database,
    secretBox,
    defaultStrategy: environment.TOKEN_ALLOCATION_STRATEGY,
    maximumConcurrent: environment.MAX_CONCURRENT_PER_CREDENTIAL,
    endpoints: {
      socialBaseUrl: (region) => kiroSocialAuthBaseUrl(environment, region),
      oidcBaseUrl: (region) => kiroOidcBaseUrl(environment, region),
    },
    onRefreshTokenRotated: writeRotatedTokenToCredentialsFile,
  });
  const ownTokens = new OwnTokenCache({
    socialBaseUrl: kiroSocialAuthBaseUrl(environment, environment.KIRO_REGION),
    oidcBaseUrl: kiroOidcBaseUrl(environment, environment.KIRO_REGION),
  });
  const recorder = new RequestRecorder(database, environment.DEBUG_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  return {
    environment,
    client,
    database,
    secretBox,
    thinkingSigner: createThinkingSigner(environment.TOKEN_ENCRYPT_KEY),
    pool,
    ownTokens,
    recorder,
    draining: false,
    activeRequests: 0,
    settings: new SiteSettingsStore(database, environment),
    ipBlocklist: new IpBlocklist(database),
    trustedProxies: addressSet(environment.TRUSTED_PROXIES),
  };
}
