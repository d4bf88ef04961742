import { otherMethodHandlers } from "@/lib/gateway/handle-unknown-endpoint";
import { handleHealth } from "@/lib/gateway/handle-health";

export const dynamic = "force-dynamic";

/** Liveness and pool figures for uptime checks. */
export function GET(): Promise<Response> {
  return handleHealth();
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodHandlers(["GET"]);
