import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** A person who signed in: with GitHub, or the operator with ADMIN_PASSWORD. Times are epoch ms. */
export const user = sqliteTable("user", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  provider: text("provider").$type<"github" | "password">().notNull(),
  /** GitHub's numeric user id (stable across renames); null for the password operator. */
  githubId: text("github_id").unique(),
  login: text("login").notNull(),
  name: text("name"),
  avatarUrl: text("avatar_url"),
  status: text("status").$type<"active" | "banned">().notNull().default("active"),
  createdAt: integer("created_at").notNull(),
  lastSignInAt: integer("last_sign_in_at"),
  /** Sessions that began before this time (epoch ms) are no longer valid: set by a ban, so an unban does not revive them. */
  sessionsValidAfter: integer("sessions_valid_after"),
});

/** A row of `user`. */
export type User = typeof user.$inferSelect;

/**
 * A user's API key (`sk-` and 48 random letters and digits). Only its SHA-256 is stored, with a
 * short prefix for display; the key itself is shown once, at creation.
 */
export const apiKey = sqliteTable(
  "api_key",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** `sk-AbCd…wXyZ` — enough to recognise a key, nothing to use it with. */
    displayPrefix: text("display_prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    expiresAt: integer("expires_at"),
    revokedAt: integer("revoked_at"),
  },
  (table) => [index("api_key_user_index").on(table.userId)],
);

/** A row of `api_key`. */
export type ApiKey = typeof apiKey.$inferSelect;

/** An address or CIDR range refused on `/v1` and at sign-in. */
export const ipBlock = sqliteTable("ip_block", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** `203.0.113.7`, `203.0.113.0/24`, `2001:db8::/32`. */
  range: text("range").notNull().unique(),
  note: text("note"),
  createdAt: integer("created_at").notNull(),
});

/** A row of `ip_block`. */
export type IpBlock = typeof ipBlock.$inferSelect;

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
    /** Where it came from: `REFRESH_TOKEN`, `KIRO_CREDS_FILE`, the admin, or a user who donated it. */
    source: text("source").$type<"environment" | "file" | "admin" | "user">().notNull(),
    /** The user who donated it; null for the operator's credentials. */
    ownerUserId: integer("owner_user_id").references(() => user.id, { onDelete: "cascade" }),
    /** `public` credentials serve everyone; `private` ones only their owner's keys. */
    visibility: text("visibility").$type<"public" | "private">().notNull().default("public"),
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
    /** An admin disabled it: its owner may pause and resume it, but cannot turn it back on. */
    disabledByAdmin: integer("disabled_by_admin", { mode: "boolean" }).notNull().default(false),
    lastError: text("last_error"),
    /** While `status` is `cooling` or `exhausted`: when (epoch ms) the credential may serve again. */
    availableAt: integer("available_at"),
    /** Cross-process refresh lease: the instance refreshing now, and until when (epoch ms) its lease holds. */
    refreshLeaseOwner: text("refresh_lease_owner"),
    refreshLeaseUntil: integer("refresh_lease_until"),
    /** From `getUsageLimits`: credits left this period, and when (epoch ms) the period resets. */
    quotaRemaining: real("quota_remaining"),
    quotaLimit: real("quota_limit"),
    quotaResetsAt: integer("quota_resets_at"),
    lastCheckedAt: integer("last_checked_at"),
    /** Figures folded in from the request records when they are written. */
    requestCount: integer("request_count").notNull().default(0),
    failureCount: integer("failure_count").notNull().default(0),
    creditsUsed: real("credits_used").notNull().default(0),
    lastUsedAt: integer("last_used_at"),
    lastFailureAt: integer("last_failure_at"),
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
  (table) => [index("credential_status_index").on(table.enabled, table.status), index("credential_owner_index").on(table.ownerUserId)],
);

/** A row of the `credential` table. */
export type Credential = typeof credential.$inferSelect;
/** Values accepted when inserting a credential. */
export type NewCredential = typeof credential.$inferInsert;

/**
 * Settings shared by every instance: the allocation strategy and its cursors, leases (health
 * checker), and later the admin's switches. `value` is JSON text.
 */
export const setting = sqliteTable("setting", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at")
    .notNull()
    .default(sql`(unixepoch() * 1000)`),
});

/** How a request ended. */
export type RequestOutcome = "success" | "client_error" | "client_abort" | "upstream_error" | "gateway_error";

/**
 * One row per request, written once when it ends, whatever the outcome. `id` is the request id, so a
 * record offered twice is stored once. Times are epoch ms and durations ms.
 */
export const requestRecord = sqliteTable(
  "request_record",
  {
    id: text("id").primaryKey(),
    createdAt: integer("created_at").notNull(),
    /** Which key made it: `proxy`, `byot:<hash prefix>`, or `key:<id>`. Never the key itself. */
    keyLabel: text("key_label").notNull(),
    userId: integer("user_id"),
    apiKeyId: integer("api_key_id"),
    credentialId: integer("credential_id"),
    /** Credentials tried before and failing (JSON array of ids): their failures count in their figures. */
    failedCredentialIds: text("failed_credential_ids", { mode: "json" }).$type<number[]>(),
    dialect: text("dialect").$type<"openai" | "anthropic">().notNull(),
    modelRequested: text("model_requested"),
    modelUsed: text("model_used"),
    stream: integer("stream", { mode: "boolean" }).notNull(),
    status: integer("status").notNull(),
    outcome: text("outcome").$type<RequestOutcome>().notNull(),
    attempts: integer("attempts").notNull(),
    timeToFirstByteMs: integer("time_to_first_byte_ms"),
    totalMs: integer("total_ms").notNull(),
    inputTokens: integer("input_tokens"),
    inputTokensSource: text("input_tokens_source").$type<"upstream" | "estimated">(),
    outputTokens: integer("output_tokens"),
    credits: real("credits"),
    errorMessage: text("error_message"),
    /** Only with DEBUG_MODE: the client's body and the upstream body, secrets redacted. */
    debugRequestBody: text("debug_request_body"),
    debugUpstreamBody: text("debug_upstream_body"),
  },
  (table) => [
    index("request_record_created_index").on(table.createdAt),
    index("request_record_credential_index").on(table.credentialId, table.createdAt),
    index("request_record_user_index").on(table.userId, table.createdAt),
  ],
);

/** A row of `request_record`. */
export type RequestRecord = typeof requestRecord.$inferSelect;
/** Values of a new request record. */
export type NewRequestRecord = typeof requestRecord.$inferInsert;

/**
 * Sessions ended by signing out before their cookie expired. Sessions are stateless JWTs, so a
 * copied cookie would outlive the sign-out without this list; rows go once `expiresAt` (epoch ms,
 * the session's own expiry) has passed.
 */
export const signedOutSession = sqliteTable("signed_out_session", {
  sessionId: text("session_id").primaryKey(),
  expiresAt: integer("expires_at").notNull(),
});
