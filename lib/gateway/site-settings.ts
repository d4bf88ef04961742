import type net from "node:net";
import { z } from "zod";
import { addressIn } from "@/lib/auth/client-address";
import type { Database } from "@/lib/db/client";
import { listIpBlocks } from "@/lib/db/queries/ip-blocks";
import { getSetting, setSetting } from "@/lib/db/queries/settings";
import type { Environment } from "@/lib/env";
import { ipRangeSet } from "./ip-ranges";
import { logger } from "./logger";
import { multilineText } from "./text-fields";

/**
 * Settings the admin changes at run time, stored in the database so every instance sees them within
 * a couple of seconds, without a restart. `forceModel` null means "as FORCE_MODEL says" and
 * `debugMode` null "as DEBUG_MODE says".
 */
export const siteSettingsSchema = z.object({
  forceModel: z.string().trim().max(200).nullable(),
  debugMode: z.enum(["off", "errors", "all"]).nullable(),
  /** Users' keys use only their own credentials, never the public pool. */
  selfUseOnly: z.boolean(),
  /** New people may sign up (existing users and admins can always sign in). */
  registrationOpen: z.boolean(),
  /** Shown on every user's dashboard (plain text). */
  announcement: multilineText(4000),
  /** Who sees PROXY_API_KEY on /docs; null means "as DOCS_SHOW_PROXY_KEY says". */
  docsShowProxyKey: z.enum(["off", "signed_in", "public"]).nullable(),
});

/** The stored settings. */
export type SiteSettings = z.infer<typeof siteSettingsSchema>;

const defaults: SiteSettings = { forceModel: null, debugMode: null, selfUseOnly: false, registrationOpen: true, announcement: "", docsShowProxyKey: null };
const settingKey = "site_settings";
const cacheMs = 2000;

/** Reads and writes the site settings, cached per process for `cacheMs`. */
export class SiteSettingsStore {
  private cached: { value: SiteSettings; readAt: number } | undefined;

  constructor(
    private readonly database: Database,
    private readonly environment: Environment,
  ) {}

  /** The stored settings, with defaults for anything never set. */
  async get(): Promise<SiteSettings> {
    if (this.cached && Date.now() - this.cached.readAt < cacheMs) return this.cached.value;
    const stored = await getSetting<Partial<SiteSettings>>(this.database, { key: settingKey });
    const value = { ...defaults, ...stored };
    this.cached = { value, readAt: Date.now() };
    return value;
  }

  /** Changes some settings; the others keep their values. */
  async update(changes: Partial<SiteSettings>): Promise<SiteSettings> {
    const value = siteSettingsSchema.parse({ ...(await this.get()), ...changes });
    await setSetting(this.database, { key: settingKey, value });
    this.cached = { value, readAt: Date.now() };
    return value;
  }

  /** The model every request is sent to, if any: the admin's choice, else `FORCE_MODEL`. */
  async forcedModel(): Promise<string | undefined> {
    const settings = await this.get();
    return settings.forceModel === null ? this.environment.FORCE_MODEL : settings.forceModel || undefined;
  }

  /** Who sees PROXY_API_KEY on /docs: the admin's choice, else `DOCS_SHOW_PROXY_KEY`. */
  async docsShowProxyKey(): Promise<NonNullable<SiteSettings["docsShowProxyKey"]>> {
    return (await this.get()).docsShowProxyKey ?? this.environment.DOCS_SHOW_PROXY_KEY;
  }

  /** The debug mode in force: the admin's choice, else `DEBUG_MODE`. */
  async debugMode(): Promise<SiteSettings["debugMode"] & string> {
    return (await this.get()).debugMode ?? this.environment.DEBUG_MODE;
  }
}

/**
 * The IP blocklist, cached per process for `cacheMs`; `invalidate` after a change made here. A stored
 * entry that is not a valid address or range (rows written before the admin API checked strictly)
 * blocks nothing: it is skipped, and logged once per process.
 */
export class IpBlocklist {
  private cached: { set: net.BlockList; readAt: number } | undefined;
  private readonly reportedInvalid = new Set<string>();

  constructor(
    private readonly database: Database,
    private readonly warn: (message: string) => void = (message) => logger.warn(message),
  ) {}

  /** Whether `address` is blocked. */
  async isBlocked(address: string): Promise<boolean> {
    if (!this.cached || Date.now() - this.cached.readAt >= cacheMs) {
      const ranges = (await listIpBlocks(this.database)).map((block) => block.range);
      const set = ipRangeSet(ranges, (entry, reason) => {
        if (this.reportedInvalid.has(entry)) return;
        this.reportedInvalid.add(entry);
        this.warn(`IP blocklist: ignoring the stored entry ${JSON.stringify(entry)} (${reason}); delete it and add the range again`);
      });
      this.cached = { set, readAt: Date.now() };
    }
    return addressIn(this.cached.set, address);
  }

  /** Drops the cached list, so the next check reads the database. */
  invalidate(): void {
    this.cached = undefined;
  }
}
