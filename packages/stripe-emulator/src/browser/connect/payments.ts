/*
 * <stripe-connect-payments>: the charges list with filters and refunds (when the session enables
 * refund_management). Part of the fake Connect.js bundle.
 */
import type { Status } from "@stripe/connect-js/pure";
import { formatDecimal, formatMoney, isZeroDecimal, minorPerUnit } from "../../money";
import { formatDate, isRecord, messageOf } from "../common";
import { h } from "../dom";
import { actionMessage, connectField, statusPill } from "./fields";
import type { Rerender } from "./payouts";
import { listData } from "./session";
import type { Charge, ComponentHost, ListOf, Renderer } from "./types";

type ChargeLabel =
  "Disputed" | "Refunded" | "Partially refunded" | "Succeeded" | "Uncaptured" | "Failed" | "Pending";

function chargeStatus(c: Charge): [ChargeLabel, string | null] {
  if (c.disputed) return ["Disputed", "bad"];
  if (c.refunded) return ["Refunded", null];
  if (c.amount_refunded > 0) return ["Partially refunded", "warn"];
  if (c.status === "succeeded") return c.captured === false ? ["Uncaptured", "warn"] : ["Succeeded", "ok"];
  if (c.status === "failed") return ["Failed", "bad"];
  return ["Pending", "warn"];
}

/** The status filter values (connect-js' `Status`) each label matches. */
const FILTER_STATUS: Record<ChargeLabel, Status> = {
  Succeeded: "successful",
  Refunded: "refunded",
  "Partially refunded": "partially_refunded",
  Failed: "failed",
  Disputed: "disputed",
  Pending: "incomplete",
  Uncaptured: "uncaptured",
};

/** setDefaultFilters({ status: [...] }) in the vocabulary of the real component. */
function chargeMatchesFilters(c: Charge, filters: unknown): boolean {
  const wanted: unknown[] | null = isRecord(filters) && Array.isArray(filters.status) ? filters.status : null;
  if (!wanted || !wanted.length) return true;
  return wanted.includes(FILTER_STATUS[chargeStatus(c)[0]]);
}

function refundForm(el: ComponentHost, rerender: Rerender, charge: Charge, row: HTMLTableRowElement): void {
  const remaining = charge.amount - (charge.amount_refunded || 0);
  const whole = isZeroDecimal(charge.currency);
  const amount = connectField("Refund amount", {
    type: "number",
    min: whole ? "1" : "0.01",
    step: whole ? "1" : "0.01",
    value: formatDecimal(remaining, charge.currency),
  });
  const confirm = h("button", { type: "submit", class: "emu-primary" }, "Confirm refund");
  const form = h(
    "form",
    { "aria-label": `Refund ${charge.id}` },
    amount.wrap,
    h(
      "div",
      { class: "emu-actions" },
      confirm,
      h("button", { type: "button", onclick: () => form.closest("tr")?.remove() }, "Cancel"),
    ),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void (async () => {
      const value = Math.round(Number(amount.input.value) * minorPerUnit(charge.currency));
      if (!(value > 0) || value > remaining) {
        amount.error.textContent = `Enter an amount up to ${formatMoney(remaining, charge.currency)}.`;
        return;
      }
      confirm.disabled = true;
      try {
        await el.api("POST", "/_emulator/browser/connect/refunds", { charge: charge.id, amount: value });
        await rerender(actionMessage("ok", `Refunded ${formatMoney(value, charge.currency)}.`));
      } catch (err) {
        confirm.disabled = false;
        amount.error.textContent = messageOf(err) ?? null;
      }
    })();
  });
  const tr = h("tr", null, h("td", { colspan: "6" }, form));
  row.after(tr);
  amount.input.focus();
}

function chargeRow(
  el: ComponentHost,
  rerender: Rerender,
  c: Charge,
  canRefund: boolean,
): HTMLTableRowElement {
  const [label, tone] = chargeStatus(c);
  const card = c.payment_method_details && c.payment_method_details.card;
  const refundable =
    canRefund &&
    c.status === "succeeded" &&
    c.captured !== false &&
    !c.refunded &&
    c.amount_refunded < c.amount;
  const row = h(
    "tr",
    { "data-charge": c.id },
    h("td", null, formatMoney(c.amount, c.currency)),
    h("td", null, statusPill(label, tone)),
    h("td", null, card ? `${card.brand || "card"} ••••${card.last4}` : "—"),
    h("td", null, c.description || (c.billing_details && c.billing_details.email) || c.id),
    h("td", null, formatDate(c.created)),
    canRefund
      ? h(
          "td",
          null,
          refundable
            ? h(
                "button",
                {
                  type: "button",
                  "aria-label": `Refund ${formatMoney(c.amount, c.currency)} payment ${c.id}`,
                },
                "Refund",
              )
            : null,
        )
      : null,
  );
  const btn = row.querySelector("button");
  if (btn) btn.addEventListener("click", () => refundForm(el, rerender, c, row));
  return row;
}

export const payments: Renderer = {
  component: "payments",
  title: "Payments",
  async render(el, ctx) {
    const canRefund = Boolean(ctx.features.refund_management);
    const rerender: Rerender = async (message) => {
      const charges = listData(
        await el.api<ListOf<Charge>>("GET", "/_emulator/browser/connect/charges"),
      ).filter((c) => chargeMatchesFilters(c, el._props.defaultFilters));
      let body: HTMLElement;
      if (!charges.length) body = h("p", { class: "emu-muted" }, "No payments yet.");
      else {
        body = h(
          "table",
          null,
          h("caption", null, "Payments"),
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              ["Amount", "Status", "Payment method", "Description", "Date", canRefund ? "Actions" : null]
                .filter((t): t is string => Boolean(t))
                .map((t) => h("th", { scope: "col" }, t)),
            ),
          ),
          h(
            "tbody",
            null,
            charges.map((c) => chargeRow(el, rerender, c, canRefund)),
          ),
        );
      }
      el.show(h("div", { class: "emu-c" }, el.header("Payments"), message || null, body));
    };
    el.rerender = rerender;
    await rerender();
  },
};
