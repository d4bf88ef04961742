import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "./same-origin";

const request = (headers: Record<string, string>) => new Request("http://localhost:9000/api/me/keys", { method: "POST", headers: { host: "gateway.example:9000", ...headers } });

describe("isSameOriginRequest", () => {
  it("accepts our own origin, by Origin or failing that by Referer", () => {
    expect(isSameOriginRequest(request({ origin: "http://gateway.example:9000" }))).toBe(true);
    expect(isSameOriginRequest(request({ referer: "http://gateway.example:9000/dashboard" }))).toBe(true);
    expect(isSameOriginRequest(request({ origin: "https://GATEWAY.example:9000", "sec-fetch-site": "same-origin" }))).toBe(true);
  });

  it("accepts the host a trusted proxy forwarded", () => {
    expect(isSameOriginRequest(request({ origin: "https://kirogate.example.org", "x-forwarded-host": "kirogate.example.org" }))).toBe(true);
  });

  it("refuses other origins, other ports, opaque and missing origins, and cross-site fetch metadata", () => {
    expect(isSameOriginRequest(request({ origin: "https://evil.example" }))).toBe(false);
    expect(isSameOriginRequest(request({ origin: "http://gateway.example:9001" }))).toBe(false);
    expect(isSameOriginRequest(request({ origin: "http://gateway.example.evil.example:9000" }))).toBe(false);
    expect(isSameOriginRequest(request({ origin: "null" }))).toBe(false);
    expect(isSameOriginRequest(request({}))).toBe(false);
    expect(isSameOriginRequest(request({ referer: "not a url" }))).toBe(false);
    expect(isSameOriginRequest(request({ origin: "http://gateway.example:9000", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOriginRequest(request({ origin: "http://gateway.example:9000", "sec-fetch-site": "same-site" }))).toBe(false);
  });
});
