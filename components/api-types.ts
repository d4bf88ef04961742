import type { describeApiKey, describeCredential, listKeysForAdmin, listUsersForAdmin, overviewForAdmin, readSettings, summarizeAddition, userDetailsForAdmin } from "@/lib/gateway/admin-api";
import type { UsageBucket } from "@/lib/db/queries/request-records";
import type { IpBlock, RequestRecord } from "@/lib/db/schema";
import type { profileForUser } from "@/lib/gateway/user-api";

// Shapes of our JSON APIs as the browser sees them (type-only imports: nothing server-side is bundled).

/** A credential as listed (no secrets). */
export type CredentialView = ReturnType<typeof describeCredential>;
/** An API key as listed (prefix only). */
export type ApiKeyView = ReturnType<typeof describeApiKey>;
/** An API key in the admin's list, with its owner. */
export type AdminApiKeyView = Awaited<ReturnType<typeof listKeysForAdmin>>[number];
/** A user in the admin's list. */
export type AdminUserView = Awaited<ReturnType<typeof listUsersForAdmin>>[number];
/** The admin's view of one user. */
export type AdminUserDetails = Awaited<ReturnType<typeof userDetailsForAdmin>>;
/** The admin overview. */
export type OverviewView = Awaited<ReturnType<typeof overviewForAdmin>>;
/** All settings. */
export type SettingsView = Awaited<ReturnType<typeof readSettings>>;
/** The outcome of adding credentials. */
export type AdditionView = ReturnType<typeof summarizeAddition>;
/** The signed-in user's profile. */
export type ProfileView = Awaited<ReturnType<typeof profileForUser>>;
/** One request record (JSON). */
export type RequestRecordView = RequestRecord;
/** One blocked range. */
export type IpBlockView = IpBlock;
/** One chart bucket. */
export type UsageBucketView = UsageBucket;
