import net from "node:net";

/** Header KiroGate's server sets to the TCP peer address (server.ts); a client's copy is overwritten. */
export const peerAddressHeader = "x-kirogate-peer-address";

/** `::ffff:1.2.3.4` (an IPv4 peer on a dual-stack socket) as `1.2.3.4`; other addresses unchanged. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address.trim());
  return mapped ? mapped[1] : address.trim();
}

/**
 * A set of addresses and CIDR ranges (`203.0.113.7`, `203.0.113.0/24`, `2001:db8::/32`).
 * @throws Error naming an entry that is neither.
 */
export function addressSet(entries: string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.trim().split("/");
    const family = net.isIP(address);
    if (family === 0) throw new Error(`'${entry}' is not an IP address or CIDR range`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address, type);
    else {
      const bits = Number(prefix);
      if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) throw new Error(`'${entry}' has an invalid prefix length`);
      list.addSubnet(address, bits, type);
    }
  }
  return list;
}

/** Whether `address` is in `set`. */
export function addressIn(set: net.BlockList, address: string): boolean {
  const normalized = normalizeAddress(address);
  const family = net.isIP(normalized);
  return family !== 0 && set.check(normalized, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address. The connection's own peer (recorded by KiroGate's server) is the answer,
 * unless that peer is a trusted proxy (`TRUSTED_PROXIES`): then `X-Forwarded-For` is read from the
 * right, skipping trusted proxies, and the first address that is not one is the client. A client
 * cannot forge its way past this, because only trusted hops' additions are believed. On Vercel, whose
 * edge overwrites `x-real-ip`, that header is the client. Undefined when unknown (e.g. `next dev`).
 */
export function resolveClientAddress(headers: Headers, trustedProxies: net.BlockList): string | undefined {
  const peer = headers.get(peerAddressHeader)?.trim();
  if (!peer) return process.env.VERCEL ? headers.get("x-real-ip")?.trim() || undefined : undefined;
  let client = normalizeAddress(peer);
  if (!addressIn(trustedProxies, client)) return client;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map((hop) => normalizeAddress(hop)).filter(Boolean);
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    client = hops[index];
    if (!net.isIP(client)) return undefined;
    if (!addressIn(trustedProxies, client)) return client;
  }
  return client;
}
