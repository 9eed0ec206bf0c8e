// Lets the emulator's tests run on their own (`npx vitest run --config emulator/vitest.config.ts`);
// the repository's root config also picks them up.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["emulator/tests/**/*.test.ts"],
    root: new URL("..", import.meta.url).pathname,
    testTimeout: 10000,
  },
});
