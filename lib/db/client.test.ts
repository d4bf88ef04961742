import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { openDatabase } from "./client";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

/** Another process that holds the file's write lock for `holdMs`; resolves once it has the lock, with a promise of its exit. */
function holdWriteLock(filePath: string, holdMs: number): Promise<{ exited: Promise<number | null> }> {
  const script = `
    import { createClient } from "@libsql/client";
    const client = createClient({ url: ${JSON.stringify(`file:${filePath}`)} });
    const transaction = await client.transaction("write");
    await transaction.execute("insert into counter (id, value) values (1, 1) on conflict (id) do update set value = value + 1");
    process.stdout.write("locked\\n");
    setTimeout(async () => { await transaction.commit(); client.close(); }, ${holdMs});
  `;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve({ exited }));
    child.once("exit", (code) => reject(new Error(`the lock holder exited early (${code})`)));
  });
}

it("waits for another process's write on every connection instead of failing 'database is locked'", async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "kirogate-client-"));
  folders.push(folder);
  const filePath = path.join(folder, "shared.db");
  const { client } = openDatabase({ url: `file:${filePath}` });
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("create table counter (id integer primary key, value integer not null)");

  const holder = await holdWriteLock(filePath, 300);
  const started = Date.now();
  // Two writes at once: the second runs on a connection libSQL opens for it.
  const writes = Array.from({ length: 2 }, (_, index) =>
    client.execute({ sql: "insert into counter (id, value) values (?, 1) on conflict (id) do update set value = value + 1", args: [index + 10] }),
  );
  await expect(Promise.all(writes)).resolves.toHaveLength(2);
  expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  expect(await holder.exited).toBe(0);
  const rows = await client.execute("select id, value from counter order by id");
  expect(rows.rows.map((row) => [Number(row.id), Number(row.value)])).toEqual([
    [1, 1],
    [10, 1],
    [11, 1],
  ]);
  client.close();
});
