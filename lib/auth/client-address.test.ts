import { describe, expect, it } from "vitest";
import { addressIn, addressSet, peerAddressHeader, resolveClientAddress } from "./client-address";

const headers = (values: Record<string, string>) => new Headers(values);

describe("resolveClientAddress", () => {
  const trusted = addressSet(["127.0.0.1", "10.0.0.0/8"]);

  it("uses the connection's peer when it is not a trusted proxy, whatever X-Forwarded-For claims", () => {
    expect(resolveClientAddress(headers({ [peerAddressHeader]: "198.51.100.9", "x-forwarded-for": "1.2.3.4" }), trusted)).toBe("198.51.100.9");
    expect(resolveClientAddress(headers({ [peerAddressHeader]: "::ffff:198.51.100.9" }), trusted)).toBe("198.51.100.9");
  });

  it("believes X-Forwarded-For only through trusted hops, read from the right", () => {
    expect(resolveClientAddress(headers({ [peerAddressHeader]: "127.0.0.1", "x-forwarded-for": "203.0.113.5" }), trusted)).toBe("203.0.113.5");
    // A client prepending a fake address is ignored: the first untrusted hop from the right wins.
    expect(resolveClientAddress(headers({ [peerAddressHeader]: "127.0.0.1", "x-forwarded-for": "6.6.6.6, 203.0.113.5, 10.1.2.3" }), trusted)).toBe("203.0.113.5");
  });

  it("knows nothing without KiroGate's server in front", () => {
    expect(resolveClientAddress(headers({ "x-forwarded-for": "1.2.3.4" }), trusted)).toBeUndefined();
  });
});

describe("addressSet", () => {
  it("matches addresses and CIDR ranges of both families, and refuses nonsense", () => {
    const set = addressSet(["203.0.113.0/24", "2001:db8::/32", "198.51.100.7"]);
    expect(addressIn(set, "203.0.113.200")).toBe(true);
    expect(addressIn(set, "::ffff:203.0.113.1")).toBe(true);
    expect(addressIn(set, "2001:db8:1::5")).toBe(true);
    expect(addressIn(set, "198.51.100.7")).toBe(true);
    expect(addressIn(set, "198.51.100.8")).toBe(false);
    expect(() => addressSet(["not-an-ip"])).toThrow(/not-an-ip/);
    expect(() => addressSet(["10.0.0.0/40"])).toThrow(/prefix/);
  });
});
