import { defineConfig } from "vitest/config";

/**
 * The Stripe App's tests, with the SDK's test utilities (`@stripe/ui-extension-sdk/testing`). vitest comes
 * from the repository root's node_modules; React (18, pinned by the SDK) from this package's own, so the
 * views render with the React the Dashboard runs them with — never the root's React 19.
 */
export default defineConfig({
  // This folder, whatever the working directory (`vitest run --config stripe-app/vitest.config.ts` works too).
  root: import.meta.dirname,
  test: {
    environment: "node",
    // The SDK's matchers (toContainText, toContainComponent …) call the global `expect.extend`.
    globals: true,
    include: ["src/**/*.test.{ts,tsx}"],
    clearMocks: true,
    unstubGlobals: true,
  },
});
