import { handleHealthCron } from "@/lib/gateway/handle-health";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

export const dynamic = "force-dynamic";
// Checking every credential takes a while on a large pool.
export const maxDuration = 300;

/** Runs the pool's health check (Vercel Cron calls it with `Authorization: Bearer CRON_SECRET`). */
export function GET(request: Request): Promise<Response> {
  return handleHealthCron(request);
}

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherApiMethodHandlers(["GET"]);
