import { asc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { ipBlock, type IpBlock } from "../schema";

/** Every blocked address or range, oldest first. */
export async function listIpBlocks(database: Database): Promise<IpBlock[]> {
  return database.select().from(ipBlock).orderBy(asc(ipBlock.id));
}

/**
 * Blocks an address or range (already validated).
 * @throws the database's UNIQUE error when that range is already blocked (nothing is changed).
 */
export async function insertIpBlock(database: Database, { range, note, now }: { range: string; note?: string; now: number }): Promise<IpBlock> {
  const rows = await database.insert(ipBlock).values({ range, note: note ?? null, createdAt: now }).returning();
  return rows[0];
}

/** Unblocks. @returns whether the entry existed. */
export async function deleteIpBlock(database: Database, { id }: { id: number }): Promise<boolean> {
  return (await database.delete(ipBlock).where(eq(ipBlock.id, id)).returning({ id: ipBlock.id })).length > 0;
}
