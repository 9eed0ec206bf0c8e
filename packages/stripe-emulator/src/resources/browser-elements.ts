/**
 * `GET /_emulator/browser/elements/session` — what the fake Payment Element loads before it shows the card
 * form, like Stripe.js' elements session: the payment method types the account (the `Stripe-Account` of the
 * Stripe.js instance, else the platform) can take. A connected account whose `card_payments` capability is
 * not active can take no card payment, so the element fails to load (`loaderror`) instead of collecting a
 * card that could never be charged (Stripe: https://docs.stripe.com/js/element/events/on_loaderror and
 * https://docs.stripe.com/connect/account-capabilities — card_payments must be active to accept cards).
 */
import { ApiError } from "../errors";
import { header, json, type HttpContext, type HttpResult } from "../http";
import { PLATFORM_ACCOUNT } from "../state";

export function elementsSession(ctx: HttpContext): HttpResult {
  const key = /^Bearer\s+(\S+)$/i.exec(header(ctx, "authorization") ?? "")?.[1];
  if (!key || !/^pk_(test|live)_\w+$/.test(key))
    throw new ApiError(401, {
      type: "invalid_request_error",
      message: "Invalid API Key provided: Stripe.js needs a publishable key (pk_test_…).",
    });
  const owner = header(ctx, "stripe-account")?.trim() || PLATFORM_ACCOUNT;
  const account = ctx.em.store.accounts[owner];
  if (owner !== PLATFORM_ACCOUNT && !account)
    throw new ApiError(403, {
      type: "invalid_request_error",
      message: `The provided key does not have access to account '${owner}' (or that account does not exist). Application access may have been revoked.`,
    });
  const cardPayments = (account?.capabilities as Record<string, string | undefined> | undefined)
    ?.card_payments;
  if (owner !== PLATFORM_ACCOUNT && cardPayments !== "active")
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "payment_method_unactivated",
      message:
        `No valid payment method types for this configuration: the account ${owner} cannot accept card ` +
        `payments (its card_payments capability is ${cardPayments ?? "not requested"}).`,
    });
  return json({
    object: "elements_session",
    account: owner,
    livemode: false,
    payment_method_types: ["card"],
  });
}
