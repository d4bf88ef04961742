import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { SessionUser } from "@/lib/auth/auth";
import { getGatewayRuntime } from "./gateway-runtime";
import { auth } from "./sign-in";

/**
 * The signed-in user of a page, or a redirect to `/login`; with `role: "admin"`, a non-admin is
 * sent to their dashboard. Pages only decide what to show: every API they call checks again.
 */
export async function requirePageUser(options: { role?: "admin" } = {}): Promise<SessionUser> {
  const user = (await auth())?.gatewayUser;
  if (!user) redirect("/login");
  if (options.role === "admin" && user.role !== "admin") redirect("/dashboard?error=admins-only");
  return user;
}

/** This gateway's base URL as the visitor reached it (for copyable snippets). */
export async function visitorBaseUrl(): Promise<string> {
  const requestHeaders = await headers();
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "localhost:9000";
  const protocol = requestHeaders.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${protocol}://${host}`;
}

/** The base URL to show and share: `PUBLIC_BASE_URL` when set, else the one the visitor used. */
export async function publicBaseUrl(): Promise<string> {
  return (await getGatewayRuntime()).environment.PUBLIC_BASE_URL ?? (await visitorBaseUrl());
}
