/**
 * Runs once when the server starts: validates the configuration, migrates the database and seeds
 * credentials, so a misconfiguration stops the server at once with the bad variable named.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startGateway } = await import("./lib/gateway/start-gateway");
  await startGateway();
}
