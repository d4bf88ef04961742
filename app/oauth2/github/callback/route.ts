import type { NextRequest } from "next/server";
import { requestAtVisitedUrl } from "@/lib/auth/visited-url";
import { handlers } from "@/lib/gateway/sign-in";

export const dynamic = "force-dynamic";

/**
 * The original KiroGate's GitHub callback path (spec §5.1), so an OAuth app registered with it
 * (`GITHUB_REDIRECT_URI=…/oauth2/github/callback`) keeps working: the callback is handed to Auth.js
 * as if it had arrived at `/api/auth/callback/github`.
 */
export function GET(request: NextRequest): Promise<Response> {
  return handlers.GET(requestAtVisitedUrl(request, "/api/auth/callback/github"));
}
