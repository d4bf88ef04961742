CREATE TABLE `credential` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`source_key` text,
	`refresh_token_ciphertext` text NOT NULL,
	`refresh_token_hash` text NOT NULL,
	`seed_refresh_token_hash` text,
	`client_id` text,
	`client_secret_ciphertext` text,
	`encryption_key_id` text NOT NULL,
	`profile_arn` text,
	`auth_region` text NOT NULL,
	`api_region` text NOT NULL,
	`machine_id` text NOT NULL,
	`access_token_ciphertext` text,
	`access_token_expires_at` integer,
	`status` text DEFAULT 'active' NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`last_error` text,
	`retired_at` integer,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credential_refresh_token_hash_unique` ON `credential` (`refresh_token_hash`);--> statement-breakpoint
CREATE INDEX `credential_status_index` ON `credential` (`enabled`,`status`);