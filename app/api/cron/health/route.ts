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
const otherMethods = otherApiMethodHandlers(["GET"]);
export const POST = otherMethods.POST;
export const PUT = otherMethods.PUT;
export const PATCH = otherMethods.PATCH;
export const DELETE = otherMethods.DELETE;
export const OPTIONS = otherMethods.OPTIONS;
