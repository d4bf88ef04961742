CREATE TABLE `api_key` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`display_prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`expires_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_key_key_hash_unique` ON `api_key` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_key_user_index` ON `api_key` (`user_id`);--> statement-breakpoint
CREATE TABLE `credential` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`owner_user_id` integer,
	`visibility` text DEFAULT 'public' NOT NULL,
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
	`available_at` integer,
	`refresh_lease_owner` text,
	`refresh_lease_until` integer,
	`quota_remaining` real,
	`quota_limit` real,
	`quota_resets_at` integer,
	`last_checked_at` integer,
	`request_count` integer DEFAULT 0 NOT NULL,
	`failure_count` integer DEFAULT 0 NOT NULL,
	`credits_used` real DEFAULT 0 NOT NULL,
	`last_used_at` integer,
	`last_failure_at` integer,
	`retired_at` integer,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`owner_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credential_refresh_token_hash_unique` ON `credential` (`refresh_token_hash`);--> statement-breakpoint
CREATE INDEX `credential_status_index` ON `credential` (`enabled`,`status`);--> statement-breakpoint
CREATE INDEX `credential_owner_index` ON `credential` (`owner_user_id`);--> statement-breakpoint
CREATE TABLE `ip_block` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`range` text NOT NULL,
	`note` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ip_block_range_unique` ON `ip_block` (`range`);--> statement-breakpoint
CREATE TABLE `request_record` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`key_label` text NOT NULL,
	`user_id` integer,
	`api_key_id` integer,
	`credential_id` integer,
	`failed_credential_ids` text,
	`dialect` text NOT NULL,
	`model_requested` text,
	`model_used` text,
	`stream` integer NOT NULL,
	`status` integer NOT NULL,
	`outcome` text NOT NULL,
	`attempts` integer NOT NULL,
	`time_to_first_byte_ms` integer,
	`total_ms` integer NOT NULL,
	`input_tokens` integer,
	`input_tokens_source` text,
	`output_tokens` integer,
	`credits` real,
	`error_message` text,
	`debug_request_body` text,
	`debug_upstream_body` text
);
--> statement-breakpoint
CREATE INDEX `request_record_created_index` ON `request_record` (`created_at`);--> statement-breakpoint
CREATE INDEX `request_record_credential_index` ON `request_record` (`credential_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `request_record_user_index` ON `request_record` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `setting` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `user` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider` text NOT NULL,
	`github_id` text,
	`login` text NOT NULL,
	`name` text,
	`avatar_url` text,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	`last_sign_in_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_github_id_unique` ON `user` (`github_id`);