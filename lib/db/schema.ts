import { sql } from "drizzle-orm";
import { integer, sqliteTable, text, index } from "drizzle-orm/sqlite-core";

/** Kind of Kiro login behind a credential (spec §4.1): the desktop social login, or AWS Builder ID / IdC. */
export type CredentialKind = "social" | "idc";

/** Pool state of a credential; only `active` ones serve requests. */
export type CredentialStatus = "active" | "cooling" | "invalid" | "suspended" | "exhausted";

/**
 * A Kiro account the gateway can send requests through. Secrets (refresh token, client secret,
 * access token) are stored only as AES-256-GCM ciphertext tagged with the encryption key id
 * (`lib/pool/secret-box.ts`); the refresh token's SHA-256 finds duplicates without decrypting.
 * Times are epoch milliseconds.
 */
export const credential = sqliteTable(
  "credential",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    kind: text("kind").$type<CredentialKind>().notNull(),
    /** Where it came from: `REFRESH_TOKEN`, `KIRO_CREDS_FILE`, or the admin API. */
    source: text("source").$type<"environment" | "file" | "admin">().notNull(),
    /** Where a seeded credential was read: `environment:REFRESH_TOKEN`, or `file:<path>#<index>` (rotated tokens are written back to that file). */
    sourceKey: text("source_key"),
    refreshTokenCiphertext: text("refresh_token_ciphertext").notNull(),
    refreshTokenHash: text("refresh_token_hash").notNull().unique(),
    /** Hash of the refresh token as first seeded; a rotated token must not make the seed look new. */
    seedRefreshTokenHash: text("seed_refresh_token_hash"),
    clientId: text("client_id"),
    clientSecretCiphertext: text("client_secret_ciphertext"),
    encryptionKeyId: text("encryption_key_id").notNull(),
    profileArn: text("profile_arn"),
    /** Region of the login (the OIDC client registration for IdC). */
    authRegion: text("auth_region").notNull(),
    /** Region of the generation API. */
    apiRegion: text("api_region").notNull(),
    /** 64 hex characters, fixed at creation, sent in the user agent like the Kiro IDE does (spec §2.2). */
    machineId: text("machine_id").notNull(),
    accessTokenCiphertext: text("access_token_ciphertext"),
    accessTokenExpiresAt: integer("access_token_expires_at"),
    status: text("status").$type<CredentialStatus>().notNull().default("active"),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    lastError: text("last_error"),
    /** Set (epoch ms) when a credential seeded from the configuration is no longer in it; retired ones serve nothing. */
    retiredAt: integer("retired_at"),
    /** Bumped on every token write; writers compare-and-swap on it so a stale refresh never overwrites a newer one. */
    version: integer("version").notNull().default(0),
    createdAt: integer("created_at")
      .notNull()
      .default(sql`(unixepoch() * 1000)`),
    updatedAt: integer("updated_at")
      .notNull()
      .default(sql`(unixepoch() * 1000)`),
  },
  (table) => [index("credential_status_index").on(table.enabled, table.status)],
);

/** A row of the `credential` table. */
export type Credential = typeof credential.$inferSelect;
/** Values accepted when inserting a credential. */
export type NewCredential = typeof credential.$inferInsert;
