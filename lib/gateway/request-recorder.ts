import type { Database } from "@/lib/db/client";
import { insertRequestRecords, purgeDebugBodies } from "@/lib/db/queries/request-records";
import type { NewRequestRecord } from "@/lib/db/schema";
import { logger } from "./logger";

const flushDelayMs = 200;
const batchSize = 200;
const retryDelayMs = 1000;
const purgeEveryMs = 60 * 60 * 1000;

/**
 * Writes request records off the hot path: a request hands its record over and goes on; records are
 * written in batches a moment later. A failed write keeps the batch and tries again, so no record
 * is dropped, and the write is atomic, so none is written twice. `flush` writes everything queued
 * (used at shutdown). Debug bodies older than the retention are cleared hourly.
 */
export class RequestRecorder {
  private queue: NewRequestRecord[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> | undefined;
  private immediate = false;
  private lastPurgeAt = 0;

  constructor(
    private readonly database: Database,
    private readonly debugRetentionMs: number,
  ) {}

  /** Queues a record. */
  record(record: NewRequestRecord): void {
    this.queue.push(record);
    this.schedule(this.immediate ? 0 : flushDelayMs);
  }

  /** From now on writes every record at once (the process is about to stop). */
  writeImmediately(): void {
    this.immediate = true;
    this.schedule(0);
  }

  /** Writes everything queued now, waiting for a write already under way. */
  async flush(): Promise<void> {
    for (let rounds = 0; rounds < 20 && (this.queue.length > 0 || this.writing); rounds += 1) {
      if (this.writing) await this.writing.catch(() => undefined);
      else await this.write().catch(() => new Promise((resolve) => setTimeout(resolve, 100)));
    }
  }

  private schedule(delayMs: number): void {
    if (this.timer) {
      if (delayMs > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.write().catch((error: unknown) => {
        logger.error(`request records not written yet, retrying: ${error instanceof Error ? error.message : String(error)}`);
        this.schedule(retryDelayMs);
      });
    }, delayMs);
    this.timer.unref?.();
  }

  private async write(): Promise<void> {
    if (this.writing) return this.writing;
    if (this.queue.length === 0) return;
    const batch = this.queue.slice(0, batchSize);
    this.writing = (async () => {
      await insertRequestRecords(this.database, batch);
      // Only what was written leaves the queue; records queued meanwhile stay behind it.
      this.queue.splice(0, batch.length);
      const now = Date.now();
      if (now - this.lastPurgeAt > purgeEveryMs) {
        this.lastPurgeAt = now;
        await purgeDebugBodies(this.database, { before: now - this.debugRetentionMs });
      }
    })();
    try {
      await this.writing;
    } finally {
      this.writing = undefined;
    }
    if (this.queue.length > 0) this.schedule(0);
  }
}
