/**
 * Pages Stripe would host: Account Link onboarding, the Express dashboard behind a login link, the 3-D
 * Secure challenge fallback (PaymentIntents and SetupIntents) and charge receipts. Account Links follow Stripe's one-time rule: opening the
 * link spends it; an expired or spent link sends the seller to `refresh_url`, finishing sends them to
 * `return_url` (which, as with Stripe, does not by itself mean onboarding is complete).
 */
import { esc, hidden, page } from "../html";
import { html, redirect, str, type HttpContext, type HttpResult } from "../http";
import { formatDecimal } from "../money";
import { PLATFORM_ACCOUNT } from "../state";
import { completeOnboarding } from "./account-requirements";
import { balanceOf } from "./balance-payouts";
import { authenticateIntent } from "./payment-flow";
import { authenticateSetup } from "./setup-flow";

function notFound(what: string): HttpResult {
  return html(page("Not found", `<h1>${esc(what)} not found</h1>`), 404);
}

export function onboardingPage(ctx: HttpContext): HttpResult {
  const link = ctx.em.store.accountLinks[ctx.pathParams.token ?? ""];
  if (!link) return notFound("Account link");
  if (link.status !== "new" || ctx.em.now() >= link.expires_at) return redirect(link.refresh_url);
  link.status = "opened";
  ctx.em.changed();
  const account = ctx.em.store.accounts[link.account];
  const bp = account?.business_profile;
  const ind = account?.individual;
  const dob = ind?.dob?.year
    ? `${ind.dob.year}-${String(ind.dob.month).padStart(2, "0")}-${String(ind.dob.day).padStart(2, "0")}`
    : "1990-01-01";
  // An account that has a bank account keeps it unless the seller types a new one (Stripe never shows
  // the full number again); a new account gets Stripe's test bank account pre-filled.
  const bank = account?.external_accounts?.data[0];
  const last4 = bank && "last4" in bank ? bank.last4 : null;
  const bankFields = last4
    ? `<label for="routing_number">Routing number</label><input id="routing_number" name="routing_number" value="" placeholder="unchanged">
         <label for="account_number">Account number</label><input id="account_number" name="account_number" value="" placeholder="•••• ${esc(last4)} (leave empty to keep)">`
    : `<label for="routing_number">Routing number</label><input id="routing_number" name="routing_number" value="110000000">
         <label for="account_number">Account number</label><input id="account_number" name="account_number" value="000123456789">`;
  return html(
    page(
      "Set up payments",
      `<h1>${link.type === "account_update" ? "Update your account" : "Set up payments"}</h1>
       <p class="note">Account ${esc(link.account)} · test data is pre-filled; submit to finish onboarding.</p>
       <form method="post" action="/_emulator/hosted/onboarding/${esc(link.token)}/submit">
         <label for="business_name">Business name</label><input id="business_name" name="business_name" value="${esc(bp?.name ?? "Emulated Seller")}">
         <label for="business_url">Website</label><input id="business_url" name="business_url" value="${esc(bp?.url ?? "https://seller.example.com")}">
         <label for="first_name">First name</label><input id="first_name" name="first_name" value="${esc(ind?.first_name ?? "Jenny")}">
         <label for="last_name">Last name</label><input id="last_name" name="last_name" value="${esc(ind?.last_name ?? "Rosen")}">
         <label for="dob">Date of birth</label><input id="dob" name="dob" type="date" value="${esc(dob)}">
         ${bankFields}
         <button type="submit">Submit</button>
         <a class="button secondary" href="${esc(link.return_url)}">Save and return later</a>
       </form>`,
    ),
  );
}

export function onboardingSubmit(ctx: HttpContext): HttpResult {
  const link = ctx.em.store.accountLinks[ctx.pathParams.token ?? ""];
  if (!link) return notFound("Account link");
  // Only the page this link opened may submit, and only once.
  if (link.status !== "opened") return redirect(link.refresh_url);
  const p = ctx.params;
  // An empty field keeps what the account has (an update form must not wipe data it did not show).
  const field = (key: string): string | undefined => str(p, key) || undefined;
  const [year, month, day] = (field("dob") ?? "").split("-").map(Number);
  const accountNumber = field("account_number");
  completeOnboarding(ctx.em, link.account, {
    business_profile: { name: field("business_name"), url: field("business_url") },
    individual: {
      first_name: field("first_name"),
      last_name: field("last_name"),
      ...(year && month && day ? { dob: { day, month, year } } : {}),
    },
    ...(accountNumber
      ? {
          external_account: {
            routing_number: field("routing_number") ?? "110000000",
            account_number: accountNumber,
          },
        }
      : {}),
  });
  link.status = "completed";
  return redirect(link.return_url);
}

export function expressDashboard(ctx: HttpContext): HttpResult {
  const login = ctx.em.store.loginLinks[ctx.pathParams.token ?? ""];
  const account = login ? ctx.em.store.accounts[login.account] : undefined;
  if (!login || !account) return notFound("Login link");
  const balance = balanceOf(ctx.em, account.id);
  const payouts = Object.values(ctx.em.store.payouts).filter((p) => p.owner === account.id);
  const money = (a: { amount: number; currency: string }): string =>
    `${formatDecimal(a.amount, a.currency)} ${a.currency.toUpperCase()}`;
  return html(
    page(
      "Express dashboard",
      `<h1>${esc(account.business_profile?.name ?? account.id)} — Express dashboard</h1>
       <p>Available: ${balance.available.map(money).join(", ")} · Pending: ${balance.pending.map(money).join(", ")}</p>
       <h2>Payouts</h2><table><tr><th>id</th><th>amount</th><th>status</th></tr>
       ${payouts.map(({ obj }) => `<tr><td>${esc(obj.id)}</td><td>${esc(money(obj))}</td><td>${esc(obj.status)}</td></tr>`).join("")}</table>
       <p class="note">Express sellers cannot refund from this dashboard; the platform refunds on their behalf.</p>`,
    ),
  );
}

/** Fallback challenge page for `next_action.use_stripe_sdk.stripe_js` (the fake Stripe.js has its own UI). */
/** The intent a 3-D Secure page is for: a PaymentIntent, or a SetupIntent (no amount to show). */
function threeDsIntent(ctx: HttpContext) {
  const id = ctx.pathParams.id ?? "";
  return { payment: ctx.em.store.paymentIntents[id], setup: ctx.em.store.setupIntents[id] };
}

/**
 * Where the challenge sends the buyer back to (`?return_to=`, e.g. the hosted Checkout page): only a path
 * of the emulator's own hosted pages, so the page cannot be used to redirect anywhere else.
 */
function returnTo(ctx: HttpContext): string | undefined {
  const target = str(ctx.params, "return_to");
  return target && /^\/_emulator\/hosted\/[^/]/.test(target) ? target : undefined;
}

export function threeDsPage(ctx: HttpContext): HttpResult {
  const { payment, setup } = threeDsIntent(ctx);
  if (!payment && !setup) return notFound("Payment");
  const question = payment
    ? `Authenticate ${esc(formatDecimal(payment.obj.amount, payment.obj.currency))} ${esc(payment.obj.currency.toUpperCase())}?`
    : "Authenticate saving this card for later payments?";
  return html(
    page(
      "3D Secure",
      `<h1>3D Secure 2 test page</h1><p>${question}</p>
       <form method="post">${hidden({ return_to: returnTo(ctx) })}<button name="outcome" value="complete">Complete authentication</button>
       <button name="outcome" value="fail" class="secondary">Fail authentication</button></form>`,
    ),
  );
}

export function threeDsSubmit(ctx: HttpContext): HttpResult {
  const { payment, setup } = threeDsIntent(ctx);
  const outcome = str(ctx.params, "outcome") === "complete" ? "complete" : "fail";
  let status: string;
  if (payment) status = authenticateIntent(ctx.em, payment.owner, payment.obj, outcome).status;
  else if (setup) status = authenticateSetup(ctx.em, setup.owner, setup.obj, outcome).status;
  else return notFound("Payment");
  const back = returnTo(ctx);
  if (back) return redirect(back);
  return html(
    page(
      "3D Secure",
      `<h1>Authentication ${status === "requires_payment_method" ? "failed" : "complete"}</h1><p>You can close this window.</p>`,
    ),
  );
}

export function receiptPage(ctx: HttpContext): HttpResult {
  const rec = ctx.em.store.charges[ctx.pathParams.id ?? ""];
  if (!rec) return notFound("Receipt");
  const c = rec.obj;
  const seller =
    rec.owner === PLATFORM_ACCOUNT
      ? "Emulated Platform"
      : (ctx.em.store.accounts[rec.owner]?.business_profile?.name ?? rec.owner);
  return html(
    page(
      "Receipt",
      `<h1>Receipt from ${esc(seller)}</h1><p>${esc(formatDecimal(c.amount, c.currency))} ${esc(c.currency.toUpperCase())} · ${esc(c.status)}${c.amount_refunded ? ` · refunded ${esc(formatDecimal(c.amount_refunded, c.currency))}` : ""}</p>`,
    ),
  );
}
