import { otherMethodHandlers } from "@/lib/gateway/handle-unknown-endpoint";
import { handleHealth } from "@/lib/gateway/handle-health";

export const dynamic = "force-dynamic";

/** Liveness and pool figures for uptime checks. */
export function GET(): Promise<Response> {
  return handleHealth();
}

const otherMethods = otherMethodHandlers(["GET"]);
export const POST = otherMethods.POST;
export const PUT = otherMethods.PUT;
export const PATCH = otherMethods.PATCH;
export const DELETE = otherMethods.DELETE;
export const OPTIONS = otherMethods.OPTIONS;
