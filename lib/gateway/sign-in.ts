import { createSignIn, type SessionUser } from "@/lib/auth/auth";
import { getGatewayRuntime } from "./gateway-runtime";
import { logger } from "./logger";

/**
 * The gateway's Auth.js instance: `handlers` for `/api/auth/*`, `auth()` for the session in pages
 * and route handlers, `signIn` / `signOut` for server actions. Built over the running gateway's
 * database, settings and IP blocklist.
 */
export const { handlers, auth, signIn, signOut } = createSignIn(async () => {
  const runtime = await getGatewayRuntime();
  // A public address, when given, is where sign-in happens (Auth.js reads AUTH_URL at each request).
  if (runtime.environment.PUBLIC_BASE_URL && !process.env.AUTH_URL) process.env.AUTH_URL = runtime.environment.PUBLIC_BASE_URL;
  return {
    environment: runtime.environment,
    database: runtime.database,
    trustedProxies: runtime.trustedProxies,
    isBlocked: (address) => runtime.ipBlocklist.isBlocked(address),
    registrationOpen: async () => (await runtime.settings.get()).registrationOpen,
    warn: (message) => logger.warn(message),
  };
});

/**
 * The signed-in user of the current request, or undefined. A request Auth.js cannot even read (a
 * malformed `Host`, which any client can send) counts as signed out instead of failing the page.
 */
export async function currentUser(): Promise<SessionUser | undefined> {
  try {
    return (await auth())?.gatewayUser;
  } catch {
    return undefined;
  }
}
