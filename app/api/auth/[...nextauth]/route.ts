import type { NextRequest } from "next/server";
import { requestAtVisitedUrl } from "@/lib/auth/visited-url";
import { handlers } from "@/lib/gateway/sign-in";
import { otherApiMethodHandlers } from "@/lib/gateway/api-method-handlers";

export const dynamic = "force-dynamic";

/** Auth.js: sign-in endpoints, OAuth callbacks, session and CSRF token, at the address the browser used. */
export function GET(request: NextRequest): Promise<Response> {
  return handlers.GET(requestAtVisitedUrl(request));
}

/** Auth.js form posts (sign-in, sign-out, the operator password). */
export function POST(request: NextRequest): Promise<Response> {
  return handlers.POST(requestAtVisitedUrl(request));
}

// Unserved methods: 405 JSON with Allow, and an OPTIONS listing only what is served.
export const { PUT, PATCH, DELETE, OPTIONS } = otherApiMethodHandlers(["GET", "POST"]);
