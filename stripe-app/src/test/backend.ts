import { vi } from "vitest";
import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { getMockContextProps, type render } from "@stripe/ui-extension-sdk/testing";
import { Button } from "@stripe/ui-extension-sdk/ui";

type Wrapper = ReturnType<typeof render>["wrapper"];

/** The marketplace's address the tests' manifest constant names. */
export const BACKEND_URL = "https://market.example.com";
export const DASHBOARD_USER = "usr_admin1";
export const PLATFORM_ACCOUNT = "acct_platform";
export const SIGNATURE = "t=1700000000,v1=5e1f0c0ffee";

/** The props the Dashboard gives a view on the page of `objectId`. */
export function viewProps(
  objectId: string,
  object: string,
  options: { constants?: Record<string, string> | null; mode?: "test" | "live" } = {},
): ExtensionContextValue {
  const constants = options.constants === undefined ? { BACKEND_URL } : options.constants;
  return getMockContextProps({
    userContext: { id: DASHBOARD_USER, account: { id: PLATFORM_ACCOUNT } },
    environment: {
      mode: options.mode ?? "test",
      viewportID: "stripe.dashboard.payment.detail",
      objectContext: { id: objectId, object },
      ...(constants ? { constants } : {}),
    },
  });
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** Stubs the global fetch: each call answers the next of `answers` (the last one repeats). */
export function stubFetch(...answers: (() => Response | Promise<Response>)[]) {
  let call = 0;
  const fetchMock = vi.fn(async (_url: string, _init?: RequestInit): Promise<Response> => {
    const answer = answers[Math.min(call, answers.length - 1)];
    call += 1;
    if (!answer) throw new Error("no answer stubbed");
    return answer();
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

/** The JSON body of the fetch call `index`. */
export function sentBody(fetchMock: ReturnType<typeof stubFetch>, index: number): Record<string, unknown> {
  const init = fetchMock.mock.calls[index]?.[1];
  return JSON.parse(init?.body as string) as Record<string, unknown>;
}

/** Lets the pending requests answer and the view render what they brought. */
export async function settle(update: () => Promise<void>) {
  for (let i = 0; i < 3; i += 1) await update();
}

/** The Button whose text is `label`, or null. */
export function button(wrapper: Wrapper, label: string) {
  return wrapper.findAll(Button).find((node) => node.text === label) ?? null;
}
