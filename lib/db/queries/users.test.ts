import { describe, expect, it } from "vitest";
import { createTemporaryDatabase } from "@/tests/support/temporary-database";
import { searchUsers, upsertGithubUser } from "./users";

describe("searchUsers", () => {
  it("matches %, _ and \\ as typed, never as wildcards", async () => {
    const { database } = await createTemporaryDatabase();
    const logins = ["alice", "bob_smith", "carol%", "dave\\x", "Erin"];
    for (const [index, login] of logins.entries()) await upsertGithubUser(database, { githubId: String(index + 1), login, name: null, now: index + 1, allowNew: true });
    const found = async (search: string) => (await searchUsers(database, { search })).map((row) => row.user.login).sort();
    expect(await found("_")).toEqual(["bob_smith"]);
    expect(await found("%")).toEqual(["carol%"]);
    expect(await found("\\")).toEqual(["dave\\x"]);
    expect(await found("b_s")).toEqual(["bob_smith"]);
    expect(await found("a_i")).toEqual([]);
    expect(await found("erin")).toEqual(["Erin"]);
    expect(await found("o")).toEqual(["bob_smith", "carol%"]);
  });
});
