import { getGatewayRuntime } from "./gateway-runtime";
import { logger } from "./logger";

/**
 * Prepares the gateway when the server starts; a bad configuration or unreachable database ends
 * the process with the reason, rather than failing every request later.
 */
export async function startGateway(): Promise<void> {
  try {
    await getGatewayRuntime();
  } catch (error) {
    logger.error(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
