/**
 * Whether a cookie-authenticated request that changes state really comes from our own pages
 * (spec §6.3, §8.5): the browser's `Sec-Fetch-Site` must not say cross-site, and `Origin` (or,
 * failing that, `Referer`) must name this host. A request carrying neither is refused, since every
 * browser that sends cookies on a cross-site POST also sends `Origin`.
 */
export function isSameOriginRequest(request: Request): boolean {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return false;
  const source = request.headers.get("origin") ?? request.headers.get("referer");
  if (!source || source === "null") return false;
  // The host the browser connected to: `Host`, or the proxy's `X-Forwarded-Host` (which KiroGate's
  // server drops unless the proxy is trusted). Not `request.url`, which Next may rebuild as localhost.
  const hosts = [request.headers.get("x-forwarded-host")?.split(",")[0], request.headers.get("host")].map((host) => host?.trim().toLowerCase()).filter(Boolean);
  try {
    return hosts.includes(new URL(source).host);
  } catch {
    return false;
  }
}
