import { describe, expect, it } from "vitest";
import { createSecretBox } from "@/lib/pool/secret-box";
import { seedCredentials } from "@/lib/pool/seed-credentials";
import { createTemporaryDatabase } from "@/tests/support/temporary-database";
import { countCredentials, listCredentials, setCredentialState } from "./credentials";
import { setUserStatus, upsertPasswordOperator } from "./users";

const secretBox = createSecretBox("count test key material");
const seed = (refreshToken: string) => ({ sourceKey: `test:${refreshToken}`, source: "file" as const, name: refreshToken, kind: "social" as const, refreshToken, authRegion: "us-east-1", apiRegion: "us-east-1" });

describe("countCredentials", () => {
  it("counts as usable only credentials that can serve someone: public, or private with an active owner", async () => {
    const { database } = await createTemporaryDatabase();
    await seedCredentials(database, secretBox, [seed("public-one"), seed("private-ownerless"), seed("private-owned")]);
    const owner = await upsertPasswordOperator(database, { now: 1 });
    const [, ownerless, owned] = await listCredentials(database);
    await setCredentialState(database, { id: ownerless.id, values: { visibility: "private" } });
    await setCredentialState(database, { id: owned.id, values: { visibility: "private", ownerUserId: owner.id } });
    expect(await countCredentials(database)).toEqual({ total: 3, usable: 2, usablePrivate: 1, byStatus: { active: 3 } });
    // While its owner is banned, a private account serves nobody.
    await setUserStatus(database, { id: owner.id, status: "banned" });
    expect(await countCredentials(database)).toMatchObject({ usable: 1, usablePrivate: 0 });
    await setUserStatus(database, { id: owner.id, status: "active" });
    expect(await countCredentials(database)).toMatchObject({ usable: 2, usablePrivate: 1 });
    await setCredentialState(database, { id: owned.id, values: { enabled: false } });
    expect(await countCredentials(database)).toMatchObject({ usable: 1, usablePrivate: 0 });
  });
});
