import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { fetchStripeSignature } from "@stripe/ui-extension-sdk/utils";
import {
  signedPayload,
  STRIPE_APP_ROUTES,
  type AccountContext,
  type AccountRequest,
  type ErrorAnswer,
  type PaymentContext,
  type PaymentRequest,
  type RefundAnswer,
  type RefundRequest,
} from "./contract";

/*
 * The one way the views talk to the marketplace (see contract.ts for the wire format):
 * 1. the payload gets the Dashboard's mode;
 * 2. Stripe signs `{ user_id, account_id, ...payload }` for the Dashboard user (fetchStripeSignature);
 * 3. that same JSON is POSTed as the body, with the signature in the `Stripe-Signature` header.
 * The views never call Stripe's API: every figure and every refund goes through the marketplace.
 */

export type AppRoute = keyof typeof STRIPE_APP_ROUTES;

/** What each route takes and answers (contract.ts). */
export interface RouteTypes {
  payment: { request: PaymentRequest; answer: PaymentContext };
  account: { request: AccountRequest; answer: AccountContext };
  refund: { request: RefundRequest; answer: RefundAnswer };
}

/** A route's request as a view writes it: callBackend adds the Dashboard's mode. */
export type PayloadOf<R extends AppRoute> = Omit<RouteTypes[R]["request"], "mode">;
export type AnswerOf<R extends AppRoute> = RouteTypes[R]["answer"];

export type BackendError = ErrorAnswer["error"];

export type BackendResult<T> =
  | { ok: true; status: number; data: T }
  | {
      ok: false;
      /** The HTTP status, or 0 when no answer came (no BACKEND_URL, no signature, network failure). */
      status: number;
      error: BackendError;
      /** The answer's JSON as sent, when there was one (a refund's 422 carries its fieldErrors there). */
      body?: unknown;
    };

/** The view's context as far as a request needs it. */
export type RequestContext = Pick<ExtensionContextValue, "userContext" | "environment">;

/** Codes of the failures found before or without an answer from the marketplace. */
export const CLIENT_ERRORS = {
  backendUrl: "app:backend_url",
  user: "app:user",
  signature: "app:signature",
  network: "app:network",
  badAnswer: "app:bad_answer",
} as const;

/**
 * The marketplace's address from the manifest's constant BACKEND_URL, without a trailing slash, or null
 * when it is missing or not an http(s) address.
 */
export function backendUrl(environment: RequestContext["environment"]): string | null {
  const constants: unknown = environment.constants;
  if (typeof constants !== "object" || constants === null || Array.isArray(constants)) return null;
  const value = (constants as Record<string, unknown>).BACKEND_URL;
  if (typeof value !== "string" || !/^https?:\/\/[^/\s]+/i.test(value.trim())) return null;
  return value.trim().replace(/\/+$/, "");
}

const failure = (status: number, code: string, message: string, body?: unknown): BackendResult<never> => ({
  ok: false,
  status,
  error: { code, message },
  ...(body === undefined ? {} : { body }),
});

function reason(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}

/** The answer's `{ error: { code, message } }`, or a plain description of an answer without one. */
function errorOf(body: unknown, response: Response): BackendError {
  if (typeof body === "object" && body !== null) {
    const { error, message } = body as { error?: unknown; message?: unknown };
    if (typeof error === "object" && error !== null) {
      const { code, message: text, dashboardUserId } = error as Record<string, unknown>;
      if (typeof code === "string" && typeof text === "string")
        return typeof dashboardUserId === "string"
          ? { code, message: text, dashboardUserId }
          : { code, message: text };
    }
    // A refund refused with its reasons (RefundAnswer with status "error") has a top-level message.
    if (typeof message === "string" && message) return { code: `http_${response.status}`, message };
  }
  const statusText = response.statusText ? ` ${response.statusText}` : "";
  return {
    code: `http_${response.status}`,
    message: `The marketplace answered ${response.status}${statusText} without saying why. Try again.`,
  };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sends a signed request to one of the marketplace's Stripe App routes and reads its JSON answer.
 * Never throws: every failure is an `{ ok: false }` with a message a person can act on.
 */
export async function callBackend<R extends AppRoute>(
  context: RequestContext,
  route: R,
  payload: PayloadOf<R>,
): Promise<BackendResult<AnswerOf<R>>> {
  const base = backendUrl(context.environment);
  if (!base)
    return failure(
      0,
      CLIENT_ERRORS.backendUrl,
      "This app does not know the marketplace's address: the constant BACKEND_URL is missing from stripe-app.json. " +
        "Set it to the marketplace's address (for example https://market.example.com) and upload the app again.",
    );
  const userId = context.userContext?.id;
  const accountId = context.userContext?.account?.id;
  if (!userId || !accountId)
    return failure(
      0,
      CLIENT_ERRORS.user,
      "The Dashboard did not say which user and account you are, so the request cannot be signed. Reload the page.",
    );

  const fields = { mode: context.environment.mode, ...payload };
  let signature: string;
  try {
    signature = await fetchStripeSignature(fields);
  } catch (error) {
    return failure(
      0,
      CLIENT_ERRORS.signature,
      `Stripe could not sign the request (${reason(error)}). Reload the page and try again.`,
    );
  }

  let response: Response;
  try {
    response = await fetch(`${base}${STRIPE_APP_ROUTES[route]}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
      body: signedPayload(userId, accountId, fields),
    });
  } catch (error) {
    return failure(
      0,
      CLIENT_ERRORS.network,
      `Could not reach the marketplace at ${base} (${reason(error)}). ` +
        "Check that it is online and that its address is in the app's connect-src.",
    );
  }

  const body = await readJson(response);
  if (!response.ok) return { ok: false, status: response.status, error: errorOf(body, response), body };
  if (typeof body !== "object" || body === null)
    return failure(
      response.status,
      CLIENT_ERRORS.badAnswer,
      "The marketplace's answer was not the JSON this app expects. Check that BACKEND_URL is the marketplace's address.",
    );
  return { ok: true, status: response.status, data: body as AnswerOf<R> };
}
