import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { SessionUser } from "@/lib/auth/auth";
import { getGatewayRuntime } from "./gateway-runtime";
import { currentUser } from "./sign-in";

/**
 * The signed-in user of a page, or a redirect to `/login`; with `role: "admin"`, a non-admin is
 * sent to their dashboard. Pages only decide what to show: every API they call checks again.
 */
export async function requirePageUser(options: { role?: "admin" } = {}): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  if (options.role === "admin" && user.role !== "admin") redirect("/dashboard?error=admins-only");
  return user;
}

/**
 * This gateway's base URL as the visitor reached it (for copyable snippets): `X-Forwarded-*` (kept
 * by server.ts only from trusted proxies) or `Host`. A host that does not make a valid URL (a
 * client can send anything) gives `http://localhost:<PORT>` instead of an error.
 */
export async function visitorBaseUrl(): Promise<string> {
  const requestHeaders = await headers();
  const host = (requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "").split(",")[0].trim();
  const protocol = requestHeaders.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  try {
    const url = new URL(`${protocol}://${host}`);
    if (url.host === host.toLowerCase() && url.pathname === "/" && !url.username && !url.password) return url.origin;
  } catch {
    // Not a host name: fall through.
  }
  return `http://localhost:${process.env.PORT || 9000}`;
}

/** The base URL to show and share: `PUBLIC_BASE_URL` when set, else the one the visitor used. */
export async function publicBaseUrl(): Promise<string> {
  return (await getGatewayRuntime()).environment.PUBLIC_BASE_URL ?? (await visitorBaseUrl());
}
