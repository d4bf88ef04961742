/**
 * Slows down guessing of the operator password: after `maximumFailures` wrong attempts from one
 * address within `windowMs`, that address is refused until the oldest failure ages out.
 * Per process; a restart forgets (the password should be long anyway).
 */
export class PasswordThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maximumFailures = 5,
    private readonly windowMs = 15 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `address` may try again; 0 when it may try now. */
  waitFor(address: string): number {
    const recent = this.recent(address);
    if (recent.length < this.maximumFailures) return 0;
    return recent[0] + this.windowMs - this.now();
  }

  /** Counts a wrong password from `address`. */
  recordFailure(address: string): void {
    // Addresses whose failures have all aged out are forgotten, so the map cannot grow without bound.
    if (this.failures.size > 10_000) for (const known of [...this.failures.keys()]) if (this.recent(known).length === 0) this.failures.delete(known);
    this.failures.set(address, [...this.recent(address), this.now()]);
  }

  /** Forgets `address`'s failures after a right password. */
  recordSuccess(address: string): void {
    this.failures.delete(address);
  }

  private recent(address: string): number[] {
    const cutoff = this.now() - this.windowMs;
    return (this.failures.get(address) ?? []).filter((time) => time > cutoff);
  }
}
