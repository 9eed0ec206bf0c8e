/**
 * Shared by the /dev/stripe-fakes server page and its client components (so not a "use client" module:
 * values exported from one reach server components only as client references).
 */

/** The Connect components the test page can render, in page order. */
export const CONNECT_FAKE_COMPONENTS = [
  "notification-banner",
  "account-onboarding",
  "payouts",
  "payments",
  "balances",
  "account-management",
  "documents",
] as const;
export type ConnectFakeComponent = (typeof CONNECT_FAKE_COMPONENTS)[number];

/** Browser-side calls to app/dev/stripe-fakes/api (offline test page only). */
export async function fakesApi<T>(body: Record<string, unknown>): Promise<T> {
  const res = await fetch("/dev/stripe-fakes/api", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as T & { error?: { code?: string; message?: string } };
  if (!res.ok) throw new Error(json.error?.message ?? `HTTP ${res.status}`);
  return json;
}

/** The look both fakes must follow (asserted by e2e/stripe-fakes.spec.ts). */
export const FAKES_APPEARANCE_VARIABLES = {
  colorPrimary: "#0e7490",
  borderRadius: "10px",
  fontFamily: "Georgia, serif",
} as const;
