/**
 * The hosted Checkout page (`session.url`): `GET /_emulator/hosted/checkout/:id` shows the line items, the
 * total, an email field (prefilled from `customer_email` or the Customer) and a card form labelled like the
 * fake Payment Element ("Card number", "Expiration date", "Security code", "ZIP / postal code"); the form
 * posts back to the same path. Paying (checkout-pay.ts) redirects 303 to `success_url` (`return_url` for an
 * embedded session) with `{CHECKOUT_SESSION_ID}` filled in; a card that asks for 3-D Secure goes through the
 * emulator's challenge page (`/_emulator/hosted/3ds/:pi`), which returns here; a decline is shown on the
 * page and the session stays open. Like Stripe's URL, the session id is the only credential.
 */
import type Stripe from "stripe";
import { esc, page } from "../html";
import { html, redirect, str, type HttpContext, type HttpResult } from "../http";
import { formatMoney } from "../money";
import { PLATFORM_ACCOUNT } from "../state";
import {
  completionUrl,
  customerOf,
  HOSTED_CHECKOUT_PATH,
  intentOf,
  type SessionRecord,
} from "./checkout-model";
import { afterConfirm, paySession, type BuyerInput, type PayResult } from "./checkout-pay";

function notFound(): HttpResult {
  return html(page("Not found", "<h1>Checkout Session not found</h1>"), 404);
}

function sessionOf(ctx: HttpContext): SessionRecord | undefined {
  return ctx.em.store.checkoutSessions[ctx.pathParams.id ?? ""];
}

function sellerName(ctx: HttpContext, rec: SessionRecord): string {
  if (rec.owner === PLATFORM_ACCOUNT) return "Emulated Platform";
  return ctx.em.store.accounts[rec.owner]?.business_profile?.name ?? rec.owner;
}

function itemRows(ctx: HttpContext, s: Stripe.Checkout.Session): string {
  const details = ctx.em.store.checkoutSessionDetails[s.id];
  return (details?.line_items ?? [])
    .map((item) => {
      const product = details?.products[typeof item.price?.product === "string" ? item.price.product : ""];
      const unit = formatMoney(item.price?.unit_amount ?? 0, item.currency);
      return `<tr><td>${esc(item.description)}${product?.description ? `<br><span class="note">${esc(product.description)}</span>` : ""}</td>
        <td>Qty ${esc(item.quantity)}</td><td>${esc(unit)} each</td><td>${esc(formatMoney(item.amount_total, item.currency))}</td></tr>`;
    })
    .join("");
}

function defaultEmail(ctx: HttpContext, s: Stripe.Checkout.Session): string {
  return s.customer_email ?? customerOf(ctx.em, s)?.email ?? "";
}

function field(id: string, label: string, attrs: string, value = ""): string {
  return `<label for="${id}">${label}</label><input id="${id}" name="${id}" ${attrs} value="${esc(value)}">`;
}

function checkoutForm(
  ctx: HttpContext,
  rec: SessionRecord,
  opts: { error?: string; input?: Partial<BuyerInput> } = {},
): HttpResult {
  const s = rec.obj;
  const total = formatMoney(s.amount_total ?? 0, s.currency);
  const back = s.cancel_url ? `<a class="button secondary" href="${esc(s.cancel_url)}">Back</a>` : "";
  return html(
    page(
      "Checkout",
      `<h1>Pay ${esc(sellerName(ctx, rec))}</h1>
       <p class="note">Checkout Session ${esc(s.id)} · test mode: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, 4000 0025 0000 3155 asks for 3-D Secure.</p>
       <table aria-label="Order summary"><tbody>${itemRows(ctx, s)}</tbody>
       <tfoot><tr><th colspan="3">Total</th><th>${esc(total)}</th></tr></tfoot></table>
       ${opts.error ? `<p role="alert" class="badge">${esc(opts.error)}</p>` : ""}
       <form method="post" action="${HOSTED_CHECKOUT_PATH}/${esc(s.id)}">
         ${field("email", "Email", 'type="email" autocomplete="email"', opts.input?.email ?? defaultEmail(ctx, s))}
         ${field("number", "Card number", 'inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234"')}
         ${field("expiry", "Expiration date", 'inputmode="numeric" autocomplete="cc-exp" placeholder="MM / YY"')}
         ${field("cvc", "Security code", 'inputmode="numeric" autocomplete="cc-csc" placeholder="CVC" maxlength="4"')}
         ${field("postal_code", "ZIP / postal code", 'autocomplete="postal-code" placeholder="12345"', opts.input?.postalCode ?? "")}
         <button type="submit">Pay ${esc(total)}</button>
         ${back}
       </form>`,
    ),
  );
}

/** A completed or expired session's page says so; a completed one links on to where the buyer goes next. */
function closedPage(rec: SessionRecord): HttpResult {
  const s = rec.obj;
  const next = completionUrl(s);
  const body =
    s.status === "complete"
      ? `<h1>This Checkout Session is complete</h1><p>Payment status: ${esc(s.payment_status)}.</p>${next ? `<a class="button" href="${esc(next)}">Continue</a>` : ""}`
      : `<h1>This Checkout Session has expired</h1><p>Start again from the shop to pay.</p>${s.cancel_url ? `<a class="button secondary" href="${esc(s.cancel_url)}">Back</a>` : ""}`;
  return html(page("Checkout", body));
}

function answer(ctx: HttpContext, rec: SessionRecord, result: PayResult, input?: Partial<BuyerInput>) {
  const s = rec.obj;
  if (result.kind === "complete") return redirect(completionUrl(s) ?? `${HOSTED_CHECKOUT_PATH}/${s.id}`);
  if (result.kind === "authenticate") {
    const back = `${HOSTED_CHECKOUT_PATH}/${s.id}?authenticated=1`;
    return redirect(`/_emulator/hosted/3ds/${result.intent}?return_to=${encodeURIComponent(back)}`);
  }
  return checkoutForm(ctx, rec, { error: result.message, ...(input ? { input } : {}) });
}

export function checkoutPage(ctx: HttpContext): HttpResult {
  const rec = sessionOf(ctx);
  if (!rec) return notFound();
  if (rec.obj.status !== "open") return closedPage(rec);
  const pi = intentOf(ctx.em, rec.obj);
  // Back from the 3-D Secure challenge: complete the session, or show why the payment failed.
  if (pi && ctx.url.searchParams.get("authenticated") === "1")
    return answer(ctx, rec, afterConfirm(ctx.em, rec, pi));
  return checkoutForm(ctx, rec);
}

export function checkoutSubmit(ctx: HttpContext): HttpResult {
  const rec = sessionOf(ctx);
  if (!rec) return notFound();
  if (rec.obj.status !== "open") return closedPage(rec);
  const input: BuyerInput = {
    email: str(ctx.params, "email") ?? "",
    number: str(ctx.params, "number") ?? "",
    expiry: str(ctx.params, "expiry") ?? "",
    cvc: str(ctx.params, "cvc") ?? "",
    postalCode: str(ctx.params, "postal_code") ?? "",
  };
  return answer(ctx, rec, paySession(ctx.em, rec, input), {
    email: input.email,
    postalCode: input.postalCode,
  });
}
