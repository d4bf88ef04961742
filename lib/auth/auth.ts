import NextAuth, { customFetch, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { randomUUID } from "node:crypto";
import type net from "node:net";
import type { Database } from "@/lib/db/client";
import { isSessionSignedOut, recordSignedOutSession } from "@/lib/db/queries/sessions";
import { getUserByGithubId, getUserById, upsertGithubUser, upsertPasswordOperator } from "@/lib/db/queries/users";
import type { Environment } from "@/lib/env";
import { resolveClientAddress } from "./client-address";
import { roleOf } from "./roles";
import { PasswordThrottle } from "./password-throttle";
import { matchesSecret } from "./secret-comparison";

/** What a signed-in session carries. `role` is re-read from the database on every request. */
export type SessionUser = { id: number; login: string; name: string | null; image: string | null; role: "admin" | "user" };

declare module "next-auth" {
  interface Session {
    /** Our user behind the session (Auth.js's own `user` keeps its string id). */
    gatewayUser?: SessionUser;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    userId?: number;
    login?: string;
    role?: "admin" | "user";
    /** This session's id (random, new at every sign-in), so signing out can end exactly it. */
    sessionId?: string;
    /** When (epoch ms) this session began, compared with the user's `sessionsValidAfter`. */
    signedInAt?: number;
  }
}

/**
 * What sign-in needs from the running gateway, handed in by it (lib/gateway/sign-in.ts) so that
 * this module depends on nothing above it.
 */
export type SignInContext = {
  environment: Environment;
  database: Database;
  /** `TRUSTED_PROXIES`. */
  trustedProxies: net.BlockList;
  /** Whether the IP blocklist holds `address`. */
  isBlocked(address: string): Promise<boolean>;
  /** Whether new people may sign up now (the admin's switch). */
  registrationOpen(): Promise<boolean>;
  /** Logs a refusal worth an operator's attention. */
  warn(message: string): void;
};

const passwordThrottle = new PasswordThrottle();
const sessionMaxAgeSeconds = 7 * 24 * 60 * 60;

async function isBlockedRequest(context: SignInContext, request: Request | undefined): Promise<boolean> {
  const address = request ? resolveClientAddress(request.headers, context.trustedProxies) : undefined;
  return Boolean(address && (await context.isBlocked(address)));
}

/**
 * Builds Auth.js (next-auth v5) for the dashboard and the admin panel, over `loadContext` (read per request): GitHub (or a GitHub Enterprise
 * Server) for everyone, and the operator's `ADMIN_PASSWORD` when set. Sessions are JWTs in an
 * HttpOnly, SameSite=Lax cookie (Secure per `COOKIE_SECURE`), issued anew at every sign-in; each
 * request re-reads the user, so a ban ends the session at once (and an unban does not revive it),
 * and checks the list of signed-out sessions, so a copy of the cookie dies with the sign-out. A GitHub OAuth app registered with
 * the original KiroGate's callback (`/oauth2/github/callback`) keeps working: that path is served
 * too, and the redirect URI sent to GitHub follows `GITHUB_REDIRECT_URI`.
 */
export function createSignIn(loadContext: () => Promise<SignInContext>) {
  return NextAuth(async (request) => {
    const context = await loadContext();
    const environment = context.environment;
    const providers: NextAuthConfig["providers"] = [];
    if (environment.GITHUB_CLIENT_ID && environment.GITHUB_CLIENT_SECRET) {
      const redirectUri = environment.GITHUB_REDIRECT_URI;
      providers.push(
        GitHub({
          clientId: environment.GITHUB_CLIENT_ID,
          clientSecret: environment.GITHUB_CLIENT_SECRET,
          ...(environment.GITHUB_ENTERPRISE_URL ? { enterprise: { baseUrl: environment.GITHUB_ENTERPRISE_URL } } : {}),
          // Both: PKCE binds the code to this browser, state the callback to this sign-in (spec §8.5 #42).
          checks: ["pkce", "state"],
          ...(redirectUri
            ? {
                authorization: { params: { scope: "read:user user:email", redirect_uri: redirectUri } },
                // GitHub requires the token request to name the same redirect URI as the authorization.
                [customFetch]: (input: RequestInfo | URL, init?: RequestInit) => {
                  if (init?.body instanceof URLSearchParams && init.body.has("redirect_uri")) init.body.set("redirect_uri", redirectUri);
                  return fetch(input, init);
                },
              }
            : {}),
        }),
      );
    }
    if (environment.ADMIN_PASSWORD) {
      const adminPassword = environment.ADMIN_PASSWORD;
      providers.push(
        Credentials({
          id: "password",
          name: "Operator password",
          credentials: { password: { label: "Password", type: "password" } },
          async authorize(credentials, authorizeRequest) {
            const address = resolveClientAddress(authorizeRequest.headers, context.trustedProxies) ?? "unknown";
            if (await isBlockedRequest(context, authorizeRequest)) return null;
            if (passwordThrottle.waitFor(address) > 0) {
              context.warn(`password sign-in from ${address} refused: too many failures`);
              return null;
            }
            const password = typeof credentials?.password === "string" ? credentials.password : "";
            if (!matchesSecret(password, adminPassword)) {
              passwordThrottle.recordFailure(address);
              return null;
            }
            passwordThrottle.recordSuccess(address);
            const operator = await upsertPasswordOperator(context.database, { now: Date.now() });
            return { id: String(operator.id), name: operator.name };
          },
        }),
      );
    }
    return {
      secret: environment.AUTH_SECRET,
      trustHost: true,
      session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds },
      useSecureCookies: environment.COOKIE_SECURE === "auto" ? undefined : environment.COOKIE_SECURE === "true",
      pages: { signIn: "/login", error: "/login" },
      // One line per problem: Auth.js's own logger prints stack traces (a flood anyone can cause
      // with forged cookies) and the decoded contents of expired sessions.
      logger: {
        error(error) {
          // Production builds minify class names, so the Auth.js error type and its cause say what happened.
          const type = (error as Error & { type?: string }).type ?? error.name;
          const cause = (error as Error & { cause?: { err?: Error } | Error }).cause;
          const causeMessage = cause instanceof Error ? cause.message : cause?.err?.message;
          context.warn(`sign-in failed: ${type}${causeMessage ? ` — ${causeMessage.split("\n")[0].slice(0, 200)}` : ""}`);
        },
        warn(code) {
          context.warn(`sign-in warning: ${code}`);
        },
        debug() {},
      },
      providers,
      events: {
        async signOut(message) {
          const token = "token" in message ? message.token : null;
          if (!token?.sessionId) return;
          const now = Date.now();
          const expiresAt = typeof token.exp === "number" ? token.exp * 1000 : now + sessionMaxAgeSeconds * 1000;
          await recordSignedOutSession(context.database, { sessionId: token.sessionId, expiresAt, now });
        },
      },
      callbacks: {
        async signIn({ account, profile }) {
          if (await isBlockedRequest(context, request)) return "/login?error=blocked";
          if (account?.provider !== "github") return true;
          const github = profile as { id?: number | string; login?: string; name?: string | null; avatar_url?: string | null } | undefined;
          if (!github?.id || !github.login) return false;
          const stored = await upsertGithubUser(context.database, {
            githubId: String(github.id),
            login: github.login,
            name: github.name,
            avatarUrl: github.avatar_url,
            now: Date.now(),
            allowNew: (await context.registrationOpen()) || roleOf({ provider: "github", login: github.login }, environment.ADMIN_GITHUB_LOGINS) === "admin",
          });
          if (!stored) return "/login?error=closed";
          if (stored.status === "banned") return "/login?error=banned";
          return true;
        },
        async jwt({ token, account, user }) {
          if (account) {
            // A new sign-in: the session is tied to our user row, found by the provider's id.
            const userId =
              account.provider === "github" ? (await getUserByGithubId(context.database, { githubId: account.providerAccountId }))?.id : Number(user?.id);
            if (!userId) return null;
            token.userId = userId;
            token.sessionId = randomUUID();
            token.signedInAt = Date.now();
          }
          // Sessions from before sessions had ids cannot be signed out one by one: they sign in again.
          if (!token.sessionId || typeof token.signedInAt !== "number") return null;
          const stored = typeof token.userId === "number" ? await getUserById(context.database, { id: token.userId }) : undefined;
          if (!stored || stored.status !== "active") return null;
          if (stored.sessionsValidAfter !== null && token.signedInAt < stored.sessionsValidAfter) return null;
          if (await isSessionSignedOut(context.database, { sessionId: token.sessionId })) return null;
          token.login = stored.login;
          token.name = stored.name;
          token.picture = stored.avatarUrl;
          token.role = roleOf(stored, context.environment.ADMIN_GITHUB_LOGINS);
          return token;
        },
        session({ session, token }) {
          if (typeof token.userId === "number") {
            session.gatewayUser = {
              id: token.userId,
              login: token.login ?? "",
              name: token.name ?? null,
              image: token.picture ?? null,
              role: token.role ?? "user",
            };
          }
          return session;
        },
      },
    };
  });
}
