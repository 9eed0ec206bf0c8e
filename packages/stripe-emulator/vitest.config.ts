// The emulator's own tests: `npm test` in this directory (the repository's `npm test` runs it too).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    root: import.meta.dirname,
    testTimeout: 10000,
  },
});
