import net from "node:net";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, inject, it } from "vitest";

const gatewayUrl = () => inject("gatewayUrl");

describe("/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document naming this gateway as its server", async () => {
    const response = await fetch(`${gatewayUrl()}/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; servers: Array<{ url: string }>; paths: Record<string, unknown> };
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers[0].url).toMatch(/^http:\/\/(127\.0\.0\.1|localhost):\d+$/);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/v1/messages", "/v1/chat/completions", "/v1/models"]));
  });

  it("ignores X-Forwarded-Host and X-Forwarded-Proto from a peer that is not a trusted proxy", async () => {
    const response = await fetch(`${gatewayUrl()}/openapi.json`, { headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" } });
    const document = (await response.json()) as { servers: Array<{ url: string }> };
    expect(document.servers[0].url).not.toContain("evil.example");
    expect(document.servers[0].url).toMatch(/^http:/);
  });
});

describe("the public pages", () => {
  it("serve /docs, /status, / and /playground without a session and without the proxy key", async () => {
    for (const path of ["/docs", "/status", "/", "/playground", "/docs/api"]) {
      const response = await fetch(`${gatewayUrl()}${path}`);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html).not.toContain(inject("apiKey"));
      expect(html).not.toContain(inject("adminKey"));
    }
  });

  it("answer in Chinese to a Chinese Accept-Language", async () => {
    const html = await (await fetch(`${gatewayUrl()}/docs`, { headers: { "accept-language": "zh-CN,zh;q=0.9,en;q=0.5" } })).text();
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain("配置你的工具");
  });
});

/** Sends one raw HTTP/1.1 GET with exactly `hostHeader` (fetch would refuse a malformed one); resolves with the status. */
function rawGet(url: string, path: string, hostHeader: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`));
    let head = "";
    socket.on("data", (chunk) => (head += chunk.toString("latin1")));
    socket.on("end", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)));
    socket.on("error", reject);
  });
}

describe("a malformed Host header", () => {
  it("never makes a page fail", async () => {
    for (const path of ["/", "/docs", "/status", "/login", "/playground", "/docs/api", "/openapi.json", "/og?page=docs"]) {
      for (const host of ["evil.example:99999", "[::1", "a b", "x@y"]) {
        const status = await rawGet(gatewayUrl(), path, host);
        expect(status, `${path} with Host ${host}`).not.toBe(500);
        expect(status, `${path} with Host ${host}`).toBeGreaterThan(0);
      }
    }
  });
});
