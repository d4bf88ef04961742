import { describe, expect, it } from "vitest";
import { PasswordThrottle } from "./password-throttle";

describe("PasswordThrottle", () => {
  it("refuses an address after five failures until the oldest ages out, and forgets it after a success", () => {
    let now = 1_000_000;
    const throttle = new PasswordThrottle(5, 60_000, () => now);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      throttle.recordFailure("198.51.100.1");
      now += 1000;
    }
    expect(throttle.waitFor("198.51.100.1")).toBe(0);
    throttle.recordFailure("198.51.100.1");
    expect(throttle.waitFor("198.51.100.1")).toBe(56_000);
    expect(throttle.waitFor("198.51.100.2")).toBe(0);
    now += 56_000;
    expect(throttle.waitFor("198.51.100.1")).toBe(0);
    throttle.recordFailure("198.51.100.1");
    throttle.recordSuccess("198.51.100.1");
    expect(throttle.waitFor("198.51.100.1")).toBe(0);
  });
});
