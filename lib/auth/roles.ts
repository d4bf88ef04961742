import type { User } from "@/lib/db/schema";

/**
 * A user's role: `admin` for the password operator and for GitHub logins listed in
 * `ADMIN_GITHUB_LOGINS` (`adminGithubLogins`, lower-cased), `user` for everyone else. Derived from
 * the configuration on every request, never stored, so editing the list takes effect at once.
 */
export function roleOf(user: Pick<User, "provider" | "login">, adminGithubLogins: readonly string[]): "admin" | "user" {
  return user.provider === "password" || adminGithubLogins.includes(user.login.toLowerCase()) ? "admin" : "user";
}
