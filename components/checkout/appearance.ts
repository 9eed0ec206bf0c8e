import type { Appearance } from "@stripe/stripe-js";

/** The Payment Element's look, wherever it is mounted (checkout, saved cards). */
export const appearance: Appearance = {
  theme: "stripe",
  variables: { colorPrimary: "#4f46e5", borderRadius: "6px", fontFamily: "system-ui, sans-serif" },
};
