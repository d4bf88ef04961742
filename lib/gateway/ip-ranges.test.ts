import { describe, expect, it } from "vitest";
import { addressIn } from "@/lib/auth/client-address";
import { ipRangeSet, parseIpRange } from "./ip-ranges";

describe("parseIpRange", () => {
  it("accepts addresses and ranges of both families and returns their canonical form", () => {
    expect(parseIpRange("203.0.113.7").canonical).toBe("203.0.113.7");
    expect(parseIpRange(" 203.0.113.0/24 ").canonical).toBe("203.0.113.0/24");
    expect(parseIpRange("10.1.2.3/8").canonical).toBe("10.0.0.0/8");
    expect(parseIpRange("0.0.0.0/0").canonical).toBe("0.0.0.0/0");
    expect(parseIpRange("198.51.100.7/32").canonical).toBe("198.51.100.7");
    expect(parseIpRange("2001:DB8:0:0::1").canonical).toBe("2001:db8::1");
    expect(parseIpRange("2001:db8:ffff::/32").canonical).toBe("2001:db8::/32");
    expect(parseIpRange("::/0").canonical).toBe("::/0");
    expect(parseIpRange("fe80::1/128").canonical).toBe("fe80::1");
    expect(parseIpRange("::ffff:203.0.113.9").canonical).toBe("203.0.113.9");
    expect(parseIpRange("::ffff:203.0.113.0/120")).toMatchObject({ family: "ipv4", canonical: "203.0.113.0/24" });
  });

  it("refuses an empty, spaced, padded, signed or out-of-range prefix and anything that is not an address", () => {
    for (const entry of ["1.2.3.4/", "1.2.3.4/ 8", "1.2.3.4 /8", "1.2.3.4/08", "1.2.3.4/+8", "1.2.3.4/8.0", "1.2.3.4/0x8", "1.2.3.4/33", "1.2.3.4/-1", "1.2.3.4/8/8"]) {
      expect(() => parseIpRange(entry), entry).toThrow(/prefix|not an IP address/);
    }
    for (const entry of ["", "/8", "not an address", "1.2.3", "01.2.3.4", "1.2.3.256", "2001:db8::/129", "fe80::1%eth0", "1.2.3.4\n/8"]) {
      expect(() => parseIpRange(entry), JSON.stringify(entry)).toThrow();
    }
  });
});

describe("ipRangeSet", () => {
  it("matches what the ranges cover, IPv4-mapped client addresses included", () => {
    const set = ipRangeSet(["203.0.113.0/24", "2001:db8::/32", "198.51.100.7"]);
    expect(addressIn(set, "203.0.113.200")).toBe(true);
    expect(addressIn(set, "::ffff:203.0.113.1")).toBe(true);
    expect(addressIn(set, "2001:db8:1::5")).toBe(true);
    expect(addressIn(set, "198.51.100.7")).toBe(true);
    expect(addressIn(set, "198.51.100.8")).toBe(false);
  });

  it("skips a malformed stored range instead of reading it as /0, and reports it", () => {
    const invalid: string[] = [];
    const set = ipRangeSet(["1.2.3.4/", "1.2.3.4/ 8", "::1/", "198.51.100.7"], (entry) => invalid.push(entry));
    expect(addressIn(set, "127.0.0.1")).toBe(false);
    expect(addressIn(set, "8.8.8.8")).toBe(false);
    expect(addressIn(set, "::2")).toBe(false);
    expect(addressIn(set, "198.51.100.7")).toBe(true);
    expect(invalid).toEqual(["1.2.3.4/", "1.2.3.4/ 8", "::1/"]);
  });
});
