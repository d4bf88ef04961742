/**
 * A cookie jar and the OAuth dance of a browser, driven with fetch: signs in to the gateway through
 * the mock GitHub Enterprise (the real Auth.js flow: CSRF token, authorize with PKCE and state,
 * callback), or with the operator password. Requests then carry the session cookie and, for
 * changes, the gateway's own `Origin`, as a browser would.
 */
export class BrowserSession {
  private readonly cookies = new Map<string, string>();

  constructor(readonly gatewayUrl: string) {}

  /** Stores the cookies a response sets (deleting expired ones). */
  absorb(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute) || (/^\s*expires=/i.test(attribute) && Date.parse(attribute.split("=")[1]) < Date.now()));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** The Cookie header for our gateway. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** Whether a session cookie is held. */
  hasSession(): boolean {
    return [...this.cookies.keys()].some((name) => name.endsWith("authjs.session-token"));
  }

  /**
   * A request to the gateway with the cookies; non-GET requests get `Origin: <gateway>` unless
   * `headers` sets another (a forged request sets a foreign one). Redirects are not followed.
   */
  async fetch(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    const method = init.method ?? "GET";
    const headers: Record<string, string> = { cookie: this.cookieHeader() };
    if (method !== "GET") headers.origin = this.gatewayUrl;
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(new URL(path, this.gatewayUrl), {
      method,
      headers: { ...headers, ...init.headers },
      body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
      redirect: "manual",
    });
    this.absorb(response);
    return response;
  }

  private async csrfToken(): Promise<string> {
    const response = await this.fetch("/api/auth/csrf");
    return ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  /**
   * Signs in as GitHub user `login` through the mock GitHub. Resolves with where the gateway
   * finally sent the browser (`/dashboard`, or `/login?error=…` when refused).
   */
  async signInWithGithub(login: string): Promise<string> {
    const csrfToken = await this.csrfToken();
    const start = await this.fetch("/api/auth/signin/github", {
      method: "POST",
      body: new URLSearchParams({ csrfToken, callbackUrl: "/dashboard" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const authorizeUrl = new URL(start.headers.get("location") ?? "");
    if (!authorizeUrl.pathname.endsWith("/login/oauth/authorize")) return authorizeUrl.toString();
    // The user approves on GitHub's page: the form posts the same parameters and the chosen login.
    const approval = await fetch(new URL("/login/oauth/authorize", authorizeUrl), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams([...authorizeUrl.searchParams, ["login", login]]).toString(),
      redirect: "manual",
    });
    const callbackUrl = new URL(approval.headers.get("location") ?? "");
    const callback = await this.fetch(callbackUrl.pathname + callbackUrl.search);
    return callback.headers.get("location") ?? "";
  }

  /** Signs in with the operator password through Auth.js's credentials endpoint. Resolves with the final location. */
  async signInWithPassword(password: string): Promise<string> {
    const csrfToken = await this.csrfToken();
    const response = await this.fetch("/api/auth/callback/password", {
      method: "POST",
      body: new URLSearchParams({ csrfToken, password, callbackUrl: "/admin" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    return response.headers.get("location") ?? "";
  }
}
