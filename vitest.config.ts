import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit tests: beside the code they test, plus the Kiro mock's own tests. No server, no network.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "tests/kiro-mock/**/*.test.ts"],
  },
});
