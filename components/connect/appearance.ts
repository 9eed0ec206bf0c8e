import type { AppearanceOptions } from "@stripe/connect-js/pure";

/**
 * The embedded components in the platform's own look: the brand indigo, white surfaces, slate text
 * and the rounded-md corners of components/ui (values from app/globals.css and Tailwind's palette).
 */
export const CONNECT_APPEARANCE: AppearanceOptions = {
  overlays: "dialog",
  variables: {
    colorPrimary: "#4f46e5",
    colorBackground: "#ffffff",
    colorText: "#0f172a",
    colorDanger: "#dc2626",
    borderRadius: "6px",
    fontFamily: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  },
};
