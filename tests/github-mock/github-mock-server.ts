import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { readRequestBody, sendJson } from "../support/http-messages";

/**
 * A small GitHub Enterprise Server on loopback for sign-in tests: the OAuth web flow
 * (`/login/oauth/authorize`, `/login/oauth/access_token`, per GitHub's "Authorizing OAuth apps"
 * docs, with PKCE S256) and the REST endpoints Auth.js reads (`/api/v3/user`, `/api/v3/user/emails`).
 * The authorize page is a form where the tester types the login to sign in as — each login is a
 * GitHub user with a stable numeric id.
 */
export type GithubMockOptions = { port?: number; host?: string; clientId?: string; clientSecret?: string };

/** One completed authorization, as the mock saw it (for assertions). */
export type GithubAuthorization = { login: string; redirectUri: string; usedPkce: boolean; usedState: boolean; exchanged: boolean };

/** A running mock: its base URL (the `GITHUB_ENTERPRISE_URL`), what it saw, and `close`. */
export type GithubMock = { url: string; clientId: string; clientSecret: string; authorizations: GithubAuthorization[]; close(): Promise<void> };

type PendingCode = { login: string; redirectUri: string; codeChallenge?: string; state?: string; record: GithubAuthorization; expiresAt: number };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** Starts the mock. @throws when the port is taken. */
export async function startGithubMock(options: GithubMockOptions = {}): Promise<GithubMock> {
  const clientId = options.clientId ?? "mock-github-client-id";
  const clientSecret = options.clientSecret ?? "mock-github-client-secret";
  const userIds = new Map<string, number>();
  const codes = new Map<string, PendingCode>();
  const accessTokens = new Map<string, string>();
  const authorizations: GithubAuthorization[] = [];
  const idOf = (login: string) => {
    const key = login.toLowerCase();
    if (!userIds.has(key)) userIds.set(key, 1000 + userIds.size);
    return userIds.get(key) as number;
  };

  const server = http.createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? "/", "http://mock");
      if (request.method === "GET" && url.pathname === "/login/oauth/authorize") {
        const params = url.searchParams;
        if (params.get("client_id") !== clientId) return sendJson(response, 400, { error: "unknown client_id" });
        if (!params.get("redirect_uri")) return sendJson(response, 400, { error: "redirect_uri is required" });
        const hidden = [...params].map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join("");
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        response.end(`<!doctype html><title>Mock GitHub: authorize</title><h1>Authorize application</h1>
<form method="post" action="/login/oauth/authorize">${hidden}
<label>GitHub login <input name="login" autocomplete="off" required></label>
<button type="submit">Authorize</button></form>`);
        return;
      }
      if (request.method === "POST" && url.pathname === "/login/oauth/authorize") {
        const form = new URLSearchParams(await readRequestBody(request));
        const login = form.get("login")?.trim();
        const redirectUri = form.get("redirect_uri");
        if (!login || !redirectUri || form.get("client_id") !== clientId) return sendJson(response, 400, { error: "login, client_id and redirect_uri are required" });
        const code = randomBytes(16).toString("hex");
        const record: GithubAuthorization = { login, redirectUri, usedPkce: form.get("code_challenge_method") === "S256", usedState: Boolean(form.get("state")), exchanged: false };
        authorizations.push(record);
        codes.set(code, { login, redirectUri, codeChallenge: form.get("code_challenge") ?? undefined, state: form.get("state") ?? undefined, record, expiresAt: Date.now() + 600_000 });
        const target = new URL(redirectUri);
        target.searchParams.set("code", code);
        if (form.get("state")) target.searchParams.set("state", form.get("state") as string);
        response.writeHead(302, { location: target.toString() });
        response.end();
        return;
      }
      if (request.method === "POST" && url.pathname === "/login/oauth/access_token") {
        const form = new URLSearchParams(await readRequestBody(request));
        // Client authentication: in the body, or HTTP Basic (RFC 6749 §2.3.1, which oauth4webapi uses by default).
        let id = form.get("client_id");
        let secret = form.get("client_secret");
        const basic = /^Basic (.+)$/i.exec(request.headers.authorization ?? "");
        if (basic) {
          const [user, password] = Buffer.from(basic[1], "base64").toString("utf8").split(":");
          id = decodeURIComponent(user);
          secret = decodeURIComponent(password ?? "");
        }
        if (id !== clientId || secret !== clientSecret) return sendJson(response, 401, { error: "incorrect_client_credentials" });
        const code = form.get("code") ?? "";
        const pending = codes.get(code);
        codes.delete(code);
        if (!pending || pending.expiresAt < Date.now()) return sendJson(response, 400, { error: "bad_verification_code" });
        if (form.get("redirect_uri") !== pending.redirectUri) return sendJson(response, 400, { error: "redirect_uri_mismatch" });
        if (pending.codeChallenge) {
          const verifier = form.get("code_verifier") ?? "";
          const challenge = createHash("sha256").update(verifier).digest("base64url");
          if (challenge !== pending.codeChallenge) return sendJson(response, 400, { error: "invalid_grant", error_description: "code_verifier does not match" });
        }
        pending.record.exchanged = true;
        const accessToken = `gho_${randomBytes(18).toString("hex")}`;
        accessTokens.set(accessToken, pending.login);
        return sendJson(response, 200, { access_token: accessToken, token_type: "bearer", scope: "read:user,user:email" });
      }
      if (request.method === "GET" && (url.pathname === "/api/v3/user" || url.pathname === "/api/v3/user/emails")) {
        const token = /^(?:Bearer|token) (.+)$/i.exec(request.headers.authorization ?? "")?.[1];
        const login = token ? accessTokens.get(token) : undefined;
        if (!login) return sendJson(response, 401, { message: "Bad credentials" });
        if (url.pathname === "/api/v3/user/emails") return sendJson(response, 200, [{ email: `${login.toLowerCase()}@users.example.test`, primary: true, verified: true }]);
        return sendJson(response, 200, {
          id: idOf(login),
          login,
          name: `${login[0].toUpperCase()}${login.slice(1)} Tester`,
          avatar_url: `https://avatars.example.test/u/${idOf(login)}`,
          email: null,
        });
      }
      sendJson(response, 404, { message: "Not Found" });
    } catch (error) {
      sendJson(response, 500, { message: (error as Error).message });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    clientId,
    clientSecret,
    authorizations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
