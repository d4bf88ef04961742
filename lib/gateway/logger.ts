/**
 * Minimal structured logger for the server. Callers pass messages that hold no secrets (tokens,
 * keys, prompts); each line is prefixed so it is easy to grep in `next start` output.
 */
export const logger = {
  info(message: string): void {
    console.log(`[kirogate] ${message}`);
  },
  warn(message: string): void {
    console.warn(`[kirogate] warning: ${message}`);
  },
  error(message: string): void {
    console.error(`[kirogate] error: ${message}`);
  },
};
