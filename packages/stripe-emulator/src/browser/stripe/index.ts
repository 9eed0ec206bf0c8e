/*
 * Entry of the fake Stripe.js served at /js/stripe.js (bundled by ../serve.ts with esbuild into one
 * classic script): defines window.Stripe. See ../README.md for what the real loaders check.
 */
"use strict"; // Emitted at the top of the served script, which ran in strict mode before the move to modules.

import { findApiOrigin } from "../common";
import { createStripeConstructor } from "./stripe";

if (typeof window !== "undefined") {
  // Read while this script runs: document.currentScript is only set then.
  const Stripe = createStripeConstructor(findApiOrigin("/js/stripe.js"));
  // The fake implements the part of `StripeConstructor` the app and the React wrappers use, not all
  // of `Stripe`, so it is assigned without claiming the global's full type.
  Object.assign(window, { Stripe });
}
