import { NextRequest } from "next/server";

/**
 * The request at the address the browser used. Next rebuilds `request.url` from the host name the
 * server was started with (`0.0.0.0` under `./run.sh`), and Auth.js derives the OAuth callback URL
 * from it, so GitHub would be told one redirect URI at sign-in and another at the code exchange.
 * The visitor's address is `X-Forwarded-Host` / `X-Forwarded-Proto` (which KiroGate's server keeps
 * only from a trusted proxy, and Next otherwise sets from the connection) or `Host`.
 * `pathname` replaces the path when given.
 */
export function requestAtVisitedUrl(request: Request, pathname?: string): NextRequest {
  const url = new URL(request.url);
  const host = (request.headers.get("x-forwarded-host") ?? request.headers.get("host"))?.split(",")[0]?.trim();
  const protocol = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (host && /^[\w.\-:[\]]+$/.test(host)) url.host = host;
  if (protocol === "http" || protocol === "https") url.protocol = `${protocol}:`;
  if (pathname) url.pathname = pathname;
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  // `duplex` is required by undici to send a streamed body, and missing from the DOM typings.
  const init = { method: request.method, headers: request.headers, body: hasBody ? request.body : undefined, ...(hasBody ? { duplex: "half" } : {}) };
  return new NextRequest(url, init as ConstructorParameters<typeof NextRequest>[1]);
}
