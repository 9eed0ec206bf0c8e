/**
 * Browser-side helpers of the harness app: the API it calls (same origin as the page), the Connect
 * components it can render, and the appearance both fakes must follow (asserted by e2e/stripe-fakes.spec.ts).
 */

/** The Connect components the harness can render, in page order. */
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

/** The harness page's own path (index, views and the payment return_url). */
export const HARNESS_PATH = "/_emulator/harness/";

/** POST /_emulator/harness/api (JSON in, JSON out; errors thrown with the API's message). */
export async function harnessApi<T>(body: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${HARNESS_PATH}api`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as T & { error?: { code?: string; message?: string } };
  if (!res.ok) throw new Error(json.error?.message ?? `HTTP ${res.status}`);
  return json;
}

export const FAKES_APPEARANCE_VARIABLES = {
  colorPrimary: "#0e7490",
  borderRadius: "10px",
  fontFamily: "Georgia, serif",
} as const;

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
