import dns from "node:dns";
import net from "node:net";
import { Agent, request } from "undici";
import { invalidRequest } from "@/lib/llm/unified/llm-error";
import type { UnifiedImage, UnifiedRequest, UnifiedUserPart } from "@/lib/llm/unified/unified-request";

/** Limits of one image download. */
export type ImageFetchOptions = {
  /** Also allow loopback, private and link-local addresses (intranet deployments, tests). */
  allowPrivateNetworks: boolean;
  /** Largest image accepted, bytes. */
  maximumBytes: number;
  /** Whole download, ms. */
  timeoutMs: number;
};

/** Image downloads by default: public addresses only, at most 10 MiB, 15 000 ms. */
export const defaultImageFetchOptions: ImageFetchOptions = { allowPrivateNetworks: false, maximumBytes: 10 * 1024 * 1024, timeoutMs: 15_000 };

// Addresses a client must not make the gateway reach (OWASP SSRF prevention): this host, private
// networks, link-local (cloud metadata), carrier-grade NAT, documentation, multicast and reserved.
const blockedAddresses = new net.BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24],
  ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) {
  blockedAddresses.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128], ["::1", 128], ["64:ff9b::", 96], ["64:ff9b:1::", 48], ["100::", 64], ["2001:db8::", 32], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8],
] as const) {
  blockedAddresses.addSubnet(network, prefix, "ipv6");
}

/** Whether the gateway may connect to `address` (an IPv4 or IPv6 literal). IPv4-mapped IPv6 is judged by its IPv4 part. */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]);
  const family = net.isIP(address);
  if (family === 0) return false;
  return !blockedAddresses.check(address, family === 4 ? "ipv4" : "ipv6");
}

function agentFor(options: ImageFetchOptions): Agent {
  // The address checked is the address connected to: resolution and validation happen in one
  // lookup, so a name that rebinds between a check and the connect cannot slip through.
  const lookup: net.LookupFunction = (hostname, lookupOptions, callback) => {
    dns.lookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, "", 4);
      const allowed = addresses.filter((entry) => options.allowPrivateNetworks || isPublicAddress(entry.address));
      if (allowed.length === 0 || allowed.length !== addresses.length) {
        const refused = Object.assign(new Error(`${hostname} resolves to an address the gateway may not reach`), { code: "EADDRNOTALLOWED" });
        return callback(refused, "", 4);
      }
      if ((lookupOptions as { all?: boolean }).all) return (callback as unknown as (error: null, addresses: dns.LookupAddress[]) => void)(null, allowed);
      callback(null, allowed[0].address, allowed[0].family);
    });
  };
  return new Agent({ connect: { lookup, timeout: options.timeoutMs } });
}

const agents = new Map<boolean, Agent>();

function sniffImageType(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.subarray(0, 6).toString("latin1") === "GIF87a" || bytes.subarray(0, 6).toString("latin1") === "GIF89a") return "image/gif";
  if (bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP") return "image/webp";
  return undefined;
}

/**
 * Downloads an image a client gave by URL, safely: http(s) only, no credentials in the URL, every
 * address (also after each of at most 3 redirects) checked against private and reserved ranges
 * unless allowed, a size cap and a deadline, and the bytes must really be PNG, JPEG, GIF or WebP.
 * @throws LlmError (400) naming the URL and the reason.
 */
export async function fetchImage(url: string, options: ImageFetchOptions = defaultImageFetchOptions): Promise<UnifiedImage> {
  const fail = (reason: string) => invalidRequest(`The image at ${url.slice(0, 200)} could not be used: ${reason}.`);
  let agent = agents.get(options.allowPrivateNetworks);
  if (!agent) {
    agent = agentFor(options);
    agents.set(options.allowPrivateNetworks, agent);
  }
  const signal = AbortSignal.timeout(options.timeoutMs);
  let current = url;
  for (let hop = 0; hop <= 3; hop += 1) {
    let target: URL;
    try {
      target = new URL(current);
    } catch {
      throw fail("it is not a valid URL");
    }
    if (target.protocol !== "http:" && target.protocol !== "https:") throw fail("only http and https URLs are fetched");
    if (target.username || target.password) throw fail("URLs with credentials are not fetched");
    const literal = target.hostname.replace(/^\[|\]$/g, "");
    if (net.isIP(literal) && !options.allowPrivateNetworks && !isPublicAddress(literal)) throw fail("it points to an address the gateway may not reach");

    let response;
    try {
      response = await request(target, { dispatcher: agent, signal, headers: { accept: "image/*" }, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
    } catch (error) {
      const code = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
      throw fail(code === "EADDRNOTALLOWED" ? "it points to an address the gateway may not reach" : `the download failed (${code ?? "network error"})`);
    }
    if (response.statusCode >= 300 && response.statusCode < 400 && response.headers.location) {
      await response.body.dump();
      current = new URL(String(response.headers.location), target).toString();
      continue;
    }
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw fail(`the server answered HTTP ${response.statusCode}`);
    }
    const declaredLength = Number(response.headers["content-length"]);
    if (Number.isFinite(declaredLength) && declaredLength > options.maximumBytes) {
      await response.body.dump();
      throw fail(`it is larger than ${Math.round(options.maximumBytes / 1024 / 1024)} MiB`);
    }
    const chunks: Buffer[] = [];
    let received = 0;
    try {
      for await (const chunk of response.body) {
        received += chunk.length;
        if (received > options.maximumBytes) {
          response.body.destroy();
          throw fail(`it is larger than ${Math.round(options.maximumBytes / 1024 / 1024)} MiB`);
        }
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      if (error instanceof Error && error.name === "LlmError") throw error;
      throw fail("the download was interrupted");
    }
    const bytes = Buffer.concat(chunks);
    const mediaType = sniffImageType(bytes);
    if (!mediaType) throw fail("it is not a PNG, JPEG, GIF or WebP image");
    return { type: "image", mediaType, data: bytes.toString("base64") };
  }
  throw fail("it redirects more than 3 times");
}

/**
 * Replaces the image URLs of a request with image data: those of the trailing user turns (the ones
 * Kiro is sent images for) are downloaded in parallel; earlier ones become a short note.
 * @throws LlmError (400) when a download fails.
 */
export async function resolveImageUrls(unified: UnifiedRequest, options: ImageFetchOptions = defaultImageFetchOptions): Promise<UnifiedRequest> {
  const lastAssistant = unified.messages.findLastIndex((message) => message.role === "assistant");
  let hasUrls = false;
  for (const message of unified.messages) {
    if (message.role === "user" && message.content.some((part) => part.type === "image-url" || (part.type === "tool-result" && part.images.some((image) => image.type === "image-url")))) {
      hasUrls = true;
    }
  }
  if (!hasUrls) return unified;
  const downloads = new Map<string, Promise<UnifiedImage>>();
  const download = (url: string) => {
    let pending = downloads.get(url);
    if (!pending) {
      pending = fetchImage(url, options);
      downloads.set(url, pending);
    }
    return pending;
  };
  const messages = await Promise.all(
    unified.messages.map(async (message, index) => {
      if (message.role !== "user") return message;
      const current = index > lastAssistant;
      const content = await Promise.all(
        message.content.map(async (part): Promise<UnifiedUserPart> => {
          if (part.type === "image-url") return current ? download(part.url) : { type: "text", text: `[image: ${part.url}]` };
          if (part.type !== "tool-result") return part;
          if (!current) {
            const notes = part.images.flatMap((image) => (image.type === "image-url" ? [`[image: ${image.url}]`] : []));
            const images = part.images.filter((image): image is UnifiedImage => image.type === "image");
            return { ...part, output: [part.output, ...notes].filter(Boolean).join("\n"), images };
          }
          const images = await Promise.all(part.images.map((image) => (image.type === "image-url" ? download(image.url) : image)));
          return { ...part, images };
        }),
      );
      return { ...message, content };
    }),
  );
  return { ...unified, messages };
}
