import { eq, lt } from "drizzle-orm";
import type { Database } from "../client";
import { signedOutSession } from "../schema";

/**
 * Remembers that the session `sessionId` was signed out, until `expiresAt` (epoch ms, when its
 * cookie would have expired anyway), and forgets sessions whose time has passed.
 */
export async function recordSignedOutSession(database: Database, { sessionId, expiresAt, now }: { sessionId: string; expiresAt: number; now: number }): Promise<void> {
  await database.batch([
    database.insert(signedOutSession).values({ sessionId, expiresAt }).onConflictDoNothing(),
    database.delete(signedOutSession).where(lt(signedOutSession.expiresAt, now)),
  ]);
}

/** Whether the session `sessionId` was signed out. */
export async function isSessionSignedOut(database: Database, { sessionId }: { sessionId: string }): Promise<boolean> {
  const rows = await database.select({ sessionId: signedOutSession.sessionId }).from(signedOutSession).where(eq(signedOutSession.sessionId, sessionId)).limit(1);
  return rows.length > 0;
}
