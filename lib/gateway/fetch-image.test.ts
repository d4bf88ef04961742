import { describe, expect, it } from "vitest";
import { fetchImage, isPublicAddress } from "./fetch-image";

describe("isPublicAddress", () => {
  it("refuses loopback, private, link-local, metadata and mapped forms", () => {
    for (const address of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "64:ff9b::7f00:1", "224.0.0.1"]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it("allows public addresses", () => {
    for (const address of ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) expect(isPublicAddress(address), address).toBe(true);
  });
});

describe("fetchImage", () => {
  it("refuses literal private addresses and encodings of loopback before connecting", async () => {
    for (const url of ["http://127.0.0.1/x.png", "http://[::1]/x.png", "http://2130706433/x.png", "http://0x7f.1/x.png", "http://localhost:1/x.png", "file:///etc/passwd", "http://user:pass@example.com/x.png"]) {
      await expect(fetchImage(url), url).rejects.toMatchObject({ status: 400 });
    }
  });
});
