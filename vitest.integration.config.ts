import path from "node:path";
import { defineConfig } from "vitest/config";

// Integration tests: the built app (`next start`) against the Kiro mock, driven by real clients.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    include: ["tests/integration/**/*.test.ts"],
    globalSetup: ["tests/integration/global-setup.ts"],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // One gateway and one mock serve every file; running files one after another keeps the mock's
    // recorded requests attributable to the test that made them.
    fileParallelism: false,
  },
});
