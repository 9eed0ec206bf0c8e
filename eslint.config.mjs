import js from "@eslint/js";
import nextVitals from "eslint-config-next/core-web-vitals";
import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";

/** Paths into the emulator package other than its public entries. */
const EMULATOR_INTERNALS = [
  {
    group: [
      "**/packages/stripe-emulator/**",
      "@marketplace/stripe-emulator/*",
      "!@marketplace/stripe-emulator/defaults",
    ],
    message:
      "Use the emulator package's public entry: @marketplace/stripe-emulator (or /defaults in the product).",
  },
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      ".data/**",
      "db/migrations/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      ".ci/out/**",
      // Its own package (React 18, the Stripe Apps SDK), typechecked and tested by its own config.
      "stripe-app/**",
    ],
  },
  js.configs.recommended,
  ...nextVitals,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { drizzle },
    rules: {
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      // Drizzle: an update or delete without a where clause is a bug waiting for production data.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx", "ex"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx", "ex"] }],
    },
  },
  {
    files: ["**/*.mjs", "**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
  // The offline Stripe is a package with one public entry. Outside the package: never its internals.
  {
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["packages/stripe-emulator/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: EMULATOR_INTERNALS }],
    },
  },
  // The product (what Next bundles) takes only the emulator's constants, never its server or client.
  {
    files: [
      "app/**/*.{ts,tsx}",
      "components/**/*.{ts,tsx}",
      "lib/**/*.{ts,tsx}",
      "db/**/*.ts",
      "proxy.ts",
      "instrumentation.ts",
    ],
    ignores: ["lib/seed/**", "**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: EMULATOR_INTERNALS,
          paths: [
            {
              name: "@marketplace/stripe-emulator",
              message:
                "The product ships no emulator code: import its constants from @marketplace/stripe-emulator/defaults.",
            },
          ],
        },
      ],
    },
  },
  // The emulator imports nothing from the app.
  {
    files: ["packages/stripe-emulator/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/*", "../../../*"], message: "The emulator package imports nothing from the app." },
          ],
        },
      ],
    },
  },
);
