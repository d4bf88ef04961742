import net from "node:net";

/** An address or CIDR range of the IP blocklist, read strictly. */
export type IpRange = {
  family: "ipv4" | "ipv6";
  /** The network address: host bits cleared, IPv6 in its compressed lower-case form. */
  address: string;
  /** Prefix length in bits: 32 (IPv4) or 128 (IPv6) for a single address. */
  prefix: number;
  /** The canonical text: `address` alone for a single address, else `address/prefix`. */
  canonical: string;
};

/** A reason an entry is not an address or range; the message is safe to show. */
export class IpRangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IpRangeError";
  }
}

function ipv4Bytes(address: string): number[] {
  return address.split(".").map(Number);
}

function ipv6Bytes(address: string): number[] {
  // The URL parser expands `::` and embedded IPv4 the standard way; its hostname is compressed lower case.
  const compressed = new URL(`http://[${address}]`).hostname.slice(1, -1);
  const [head, tail = ""] = compressed.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = compressed.includes("::") ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups] : headGroups;
  return groups.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}

function maskBytes(bytes: number[], prefix: number): number[] {
  return bytes.map((byte, index) => {
    const kept = Math.max(0, Math.min(8, prefix - index * 8));
    return byte & ((0xff << (8 - kept)) & 0xff);
  });
}

function formatIpv6(bytes: number[]): string {
  const groups = [];
  for (let index = 0; index < 16; index += 2) groups.push(((bytes[index] << 8) | bytes[index + 1]).toString(16));
  return new URL(`http://[${groups.join(":")}]`).hostname.slice(1, -1);
}

/**
 * Reads one blocklist entry: an IPv4 or IPv6 address, optionally `/N` with N a decimal integer
 * written without a sign or leading zeros, 0–32 for IPv4 and 0–128 for IPv6. Surrounding white
 * space is ignored; any inside (`1.2.3.4/ 8`), an empty prefix (`1.2.3.4/`), a zone (`fe80::1%eth0`)
 * or anything else is refused. Host bits are cleared (`10.1.2.3/8` is `10.0.0.0/8`), a full-length
 * prefix is a single address, and an IPv4-mapped IPv6 address is read as the IPv4 address it carries
 * (client addresses are compared in that form).
 * @throws IpRangeError naming the entry and what is wrong with it.
 */
export function parseIpRange(text: string): IpRange {
  const entry = text.trim();
  const shown = `'${entry.slice(0, 64)}'`;
  const match = /^([^/\s]+)(?:\/([^\s]*))?$/.exec(entry);
  if (!match) throw new IpRangeError(`${shown} is not an IP address or CIDR range (an address, optionally /prefix-length, without spaces)`);
  const [, addressText, prefixText] = match;
  if (addressText.includes("%")) throw new IpRangeError(`${shown} has an IPv6 zone; give the address without it`);
  const family = net.isIP(addressText);
  if (family === 0) throw new IpRangeError(`${shown} is not an IP address or CIDR range`);
  let bits = family === 4 ? 32 : 128;
  if (prefixText !== undefined) {
    if (!/^(0|[1-9]\d{0,2})$/.test(prefixText) || Number(prefixText) > bits) {
      throw new IpRangeError(`${shown} has an invalid prefix length: a whole number from 0 to ${bits}, written without leading zeros`);
    }
    bits = Number(prefixText);
  }
  let bytes = family === 4 ? ipv4Bytes(addressText) : ipv6Bytes(addressText);
  // ::ffff:a.b.c.d/N with N ≥ 96 is the IPv4 range a.b.c.d/(N − 96).
  const mapped = family === 6 && bits >= 96 && bytes.slice(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) {
    bytes = bytes.slice(12);
    bits -= 96;
  }
  const isIpv4 = family === 4 || mapped;
  const masked = maskBytes(bytes, bits);
  const address = isIpv4 ? masked.join(".") : formatIpv6(masked);
  const full = isIpv4 ? 32 : 128;
  return { family: isIpv4 ? "ipv4" : "ipv6", address, prefix: bits, canonical: bits === full ? address : `${address}/${bits}` };
}

/**
 * A matcher over blocklist entries read by `parseIpRange`. Entries it refuses (rows stored before
 * the check was strict) are skipped, never widened to /0, and handed to `onInvalid` with the reason.
 */
export function ipRangeSet(entries: readonly string[], onInvalid: (entry: string, reason: string) => void = () => undefined): net.BlockList {
  const list = new net.BlockList();
  for (const entry of entries) {
    let range: IpRange;
    try {
      range = parseIpRange(entry);
    } catch (error) {
      onInvalid(entry, (error as Error).message);
      continue;
    }
    if (range.prefix === (range.family === "ipv4" ? 32 : 128)) list.addAddress(range.address, range.family);
    else list.addSubnet(range.address, range.prefix, range.family);
  }
  return list;
}
