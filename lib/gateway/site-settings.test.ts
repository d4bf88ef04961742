import { describe, expect, it } from "vitest";
import { insertIpBlock } from "@/lib/db/queries/ip-blocks";
import { createTemporaryDatabase } from "@/tests/support/temporary-database";
import { IpBlocklist } from "./site-settings";

describe("IpBlocklist", () => {
  it("never reads a malformed stored range as /0: it blocks nothing and is logged once", async () => {
    const { database } = await createTemporaryDatabase();
    // Rows the admin API accepted before it checked strictly.
    for (const range of ["1.2.3.4/", "1.2.3.4/ 8", "198.51.100.0/24"]) await insertIpBlock(database, { range, now: 1 });
    const warnings: string[] = [];
    const blocklist = new IpBlocklist(database, (message) => warnings.push(message));
    expect(await blocklist.isBlocked("127.0.0.1")).toBe(false);
    expect(await blocklist.isBlocked("1.2.3.4")).toBe(false);
    expect(await blocklist.isBlocked("198.51.100.9")).toBe(true);
    blocklist.invalidate();
    expect(await blocklist.isBlocked("127.0.0.1")).toBe(false);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('"1.2.3.4/"');
    expect(warnings[1]).toContain('"1.2.3.4/ 8"');
  });
});
