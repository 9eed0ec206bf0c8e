/**
 * `GET /` — a plain overview for a person debugging: accounts, recent payments, recent webhook deliveries.
 */
import { esc, page } from "../html";
import { html, type HttpContext, type HttpResult } from "../http";
import { formatDecimal } from "../money";

type Cell = string | number | boolean | null | undefined;

function table(headers: string[], rows: Cell[][]): string {
  if (rows.length === 0) return `<p class="note">None yet.</p>`;
  return `<table><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join("")}</tr>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("")}</table>`;
}

const when = (seconds: number): string =>
  new Date(seconds * 1000).toISOString().replace("T", " ").slice(0, 19);

export function overview(ctx: HttpContext): HttpResult {
  const s = ctx.em.store;
  const accounts = Object.values(s.accounts).map((a) => [
    a.id,
    a.type,
    a.controller?.stripe_dashboard?.type ?? "",
    a.email ?? "",
    a.details_submitted,
    a.charges_enabled,
    a.payouts_enabled,
    (a.requirements?.currently_due ?? []).length,
  ]);
  const payments = Object.values(s.paymentIntents)
    .slice(-50)
    .reverse()
    .map(({ owner, obj }) => [
      obj.id,
      owner,
      formatDecimal(obj.amount, obj.currency) + " " + obj.currency,
      obj.application_fee_amount ?? "",
      obj.status,
      when(obj.created),
    ]);
  const deliveries = s.deliveries
    .slice(-50)
    .reverse()
    .map((d) => [
      d.event,
      d.event_type,
      d.endpoint,
      d.status,
      d.attempts.length,
      d.attempts.at(-1)?.status ?? d.attempts.at(-1)?.error ?? "",
    ]);
  return html(
    page(
      "Stripe emulator",
      `<h1>Stripe emulator</h1>
       <p class="note">Clock: ${esc(when(ctx.em.now()))} UTC (offset ${esc(s.clockOffset)} s) · delivery ${ctx.em.webhooks.isPaused() ? "paused" : "live"} ·
       <a href="/_emulator/state">state</a> · <a href="/_emulator/events">events</a> · <a href="/_emulator/deliveries">deliveries</a></p>
       <h2>Accounts</h2>${table(["id", "type", "dashboard", "email", "details submitted", "charges", "payouts", "due"], accounts)}
       <h2>Payments (latest 50)</h2>${table(["id", "account", "amount", "fee", "status", "created"], payments)}
       <h2>Webhook deliveries (latest 50)</h2>${table(["event", "type", "endpoint", "status", "attempts", "last result"], deliveries)}`,
    ),
  );
}
