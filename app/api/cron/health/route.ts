import { handleHealthCron } from "@/lib/gateway/handle-health";

export const dynamic = "force-dynamic";
// Checking every credential takes a while on a large pool.
export const maxDuration = 300;

/** Runs the pool's health check (Vercel Cron calls it with `Authorization: Bearer CRON_SECRET`). */
export function GET(request: Request): Promise<Response> {
  return handleHealthCron(request);
}
