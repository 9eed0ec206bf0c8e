/*
 * <stripe-connect-payouts>, <stripe-connect-balances> and <stripe-connect-payouts-list>: balance, payout
 * button, payout schedule and the recent payouts table. Part of the fake Connect.js bundle.
 */
import { formatMoney } from "../../money";
import { formatDate, messageOf } from "../common";
import { h } from "../dom";
import { actionMessage, bankName, connectSelect, statusPill } from "./fields";
import { listData } from "./session";
import type {
  Account,
  Balance,
  ComponentFeatures,
  ComponentHost,
  ComponentName,
  ListOf,
  Payout,
  Renderer,
} from "./types";

/** Redraws the component, with an optional message on top (set up by each renderer's render()). */
export type Rerender = (message?: Node | null) => Promise<void>;

const SCHEDULE_LABELS: Partial<Record<string, string>> = {
  manual: "Manual",
  daily: "Daily",
  weekly: "Weekly",
  monthly: "Monthly",
};

function sumByCurrency(entries: readonly { amount: number; currency: string }[] | null | undefined) {
  const totals: Partial<Record<string, number>> = {};
  for (const e of entries || []) totals[e.currency] = (totals[e.currency] || 0) + e.amount;
  return totals;
}

function scheduleText(account: Account): string {
  const s = account.settings?.payouts?.schedule;
  const interval = (s && SCHEDULE_LABELS[s.interval]) || s?.interval || "Daily";
  const delay =
    s?.delay_days !== undefined && s?.interval !== "manual" ? ` (${s?.delay_days} day rolling basis)` : "";
  const anchor =
    s?.interval === "weekly" && s.weekly_anchor
      ? `, every ${s.weekly_anchor.charAt(0).toUpperCase()}${s.weekly_anchor.slice(1)}`
      : s?.interval === "monthly" && s.monthly_anchor
        ? `, on day ${s.monthly_anchor}`
        : "";
  return `${interval}${anchor}${delay}`;
}

/** Balance figures, the "Pay out" action and the schedule (editable only with edit_payout_schedule). */
async function balanceSection(
  el: ComponentHost,
  rerender: Rerender,
  features: ComponentFeatures,
  message: Node | null | undefined,
): Promise<HTMLElement> {
  const [balance, account] = await Promise.all([
    el.api<Balance>("GET", "/_emulator/browser/connect/balance"),
    el.api<Account>("GET", "/_emulator/browser/connect/account"),
  ]);
  const available = sumByCurrency(balance.available);
  const pending = sumByCurrency(balance.pending);
  const currencies = Array.from(new Set([...Object.keys(available), ...Object.keys(pending)]));
  if (!currencies.length) currencies.push(account.default_currency || "usd");
  const primary = currencies[0] ?? "usd";
  const payable = available[primary] || 0;
  const section = h("section", { "aria-label": "Balance" });
  const feedback = h("div", null, message || null);

  const stats = h(
    "dl",
    { class: "emu-stats" },
    currencies.map((cur) => [
      h(
        "div",
        { class: "emu-stat" },
        h("dt", null, `Available${currencies.length > 1 ? ` (${cur.toUpperCase()})` : ""}`),
        h("dd", null, formatMoney(available[cur] || 0, cur)),
      ),
      h(
        "div",
        { class: "emu-stat" },
        h("dt", null, `Pending${currencies.length > 1 ? ` (${cur.toUpperCase()})` : ""}`),
        h("dd", null, formatMoney(pending[cur] || 0, cur)),
      ),
    ]),
  );
  section.appendChild(stats);

  const actions = h("div", { class: "emu-actions" });
  if (features.standard_payouts !== false || features.instant_payouts) {
    const payout = h(
      "button",
      { type: "button", class: "emu-primary", disabled: payable <= 0 || !account.payouts_enabled },
      "Pay out",
    );
    payout.addEventListener("click", () => {
      const bank = listData(account.external_accounts)[0];
      const confirmBtn = h("button", { type: "button", class: "emu-primary" }, "Confirm payout");
      const cancelBtn = h("button", { type: "button" }, "Cancel");
      const box = h(
        "div",
        { role: "group", "aria-label": "Confirm payout" },
        h(
          "p",
          null,
          `Pay out ${formatMoney(payable, primary)} to ${bank ? `${bankName(bank) || "bank account"} ••••${bank.last4}` : "the bank account on file"}?`,
        ),
        h("div", { class: "emu-actions" }, confirmBtn, cancelBtn),
      );
      cancelBtn.addEventListener("click", () => box.replaceWith(actions));
      confirmBtn.addEventListener("click", () => {
        void (async () => {
          confirmBtn.disabled = true;
          try {
            const created = await el.api<Payout>("POST", "/_emulator/browser/connect/payouts", {
              amount: payable,
            });
            await rerender(
              actionMessage(
                "ok",
                `Payout of ${formatMoney(created.amount || payable, created.currency || primary)} created.`,
              ),
            );
          } catch (err) {
            confirmBtn.disabled = false;
            box.appendChild(actionMessage("error", messageOf(err)));
          }
        })();
      });
      actions.replaceWith(box);
      confirmBtn.focus();
    });
    actions.appendChild(payout);
    if (!account.payouts_enabled)
      actions.appendChild(h("span", { class: "emu-muted" }, "Payouts are not enabled for this account yet."));
    else if (payable <= 0)
      actions.appendChild(h("span", { class: "emu-muted" }, "Nothing available to pay out yet."));
  }
  section.appendChild(actions);

  const schedule = h("div", null, h("h3", null, "Payout schedule"), h("p", null, scheduleText(account)));
  if (features.edit_payout_schedule) {
    const edit = h("button", { type: "button" }, "Edit payout schedule");
    edit.addEventListener("click", () => {
      const current = account.settings?.payouts?.schedule?.interval || "daily";
      const interval = connectSelect(
        "Payout frequency",
        current,
        Object.keys(SCHEDULE_LABELS).map((k) => h("option", { value: k }, SCHEDULE_LABELS[k])),
      );
      const save = h("button", { type: "submit", class: "emu-primary" }, "Save schedule");
      const form = h(
        "form",
        { "aria-label": "Edit payout schedule" },
        interval.wrap,
        h(
          "div",
          { class: "emu-actions" },
          save,
          h("button", { type: "button", onclick: () => void rerender() }, "Cancel"),
        ),
      );
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        void (async () => {
          save.disabled = true;
          try {
            await el.api("POST", "/_emulator/browser/connect/payout_schedule", {
              interval: interval.input.value,
            });
            await rerender(actionMessage("ok", "Payout schedule updated."));
          } catch (err) {
            save.disabled = false;
            interval.error.textContent = messageOf(err) ?? null;
          }
        })();
      });
      edit.replaceWith(form);
      interval.input.focus();
    });
    schedule.appendChild(edit);
  }
  section.appendChild(schedule);
  section.appendChild(feedback);
  return section;
}

const PAYOUT_STATUS_TONE: Partial<Record<string, string>> = {
  paid: "ok",
  pending: "warn",
  in_transit: "warn",
  failed: "bad",
  canceled: "bad",
};

async function payoutsTable(el: ComponentHost): Promise<HTMLElement> {
  const payouts = listData(await el.api<ListOf<Payout>>("GET", "/_emulator/browser/connect/payouts"));
  if (!payouts.length)
    return h("div", null, h("h3", null, "Recent payouts"), h("p", { class: "emu-muted" }, "No payouts yet."));
  return h(
    "table",
    null,
    h("caption", null, "Recent payouts"),
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        h("th", { scope: "col" }, "Amount"),
        h("th", { scope: "col" }, "Status"),
        h("th", { scope: "col" }, "Arrival date"),
        h("th", { scope: "col" }, "ID"),
      ),
    ),
    h(
      "tbody",
      null,
      payouts.map((p) =>
        h(
          "tr",
          null,
          h("td", null, formatMoney(p.amount, p.currency)),
          h("td", null, statusPill(String(p.status || "").replace(/_/g, " "), PAYOUT_STATUS_TONE[p.status])),
          h("td", null, formatDate(p.arrival_date)),
          h("td", { class: "emu-muted" }, p.id),
        ),
      ),
    ),
  );
}

function moneyRenderer(
  title: string,
  component: ComponentName,
  withBalance: boolean,
  withList: boolean,
): Renderer {
  return {
    component,
    title,
    async render(el, ctx) {
      const rerender: Rerender = async (message) => {
        const parts: HTMLElement[] = [];
        if (withBalance) parts.push(await balanceSection(el, rerender, ctx.features, message));
        if (withList) parts.push(await payoutsTable(el));
        el.show(h("div", { class: "emu-c" }, el.header(title), parts));
      };
      el.rerender = rerender;
      await rerender();
    },
  };
}

export const payouts = moneyRenderer("Payouts", "payouts", true, true);
export const balances = moneyRenderer("Balances", "balances", true, false);
export const payoutsList = moneyRenderer("Payouts", "payouts_list", false, true);
