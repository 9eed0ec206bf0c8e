/*
 * <stripe-connect-payouts>, <stripe-connect-balances> and <stripe-connect-payouts-list>: balance, payout
 * button, payout schedule and the recent payouts table. Part of the fake Connect.js bundle.
 */

const SCHEDULE_LABELS = { manual: "Manual", daily: "Daily", weekly: "Weekly", monthly: "Monthly" };

function sumByCurrency(entries) {
  const totals = {};
  for (const e of entries || []) totals[e.currency] = (totals[e.currency] || 0) + e.amount;
  return totals;
}

function scheduleText(account) {
  const s = (account.settings && account.settings.payouts && account.settings.payouts.schedule) || {};
  const interval = SCHEDULE_LABELS[s.interval] || s.interval || "Daily";
  const delay =
    s.delay_days !== undefined && s.interval !== "manual" ? ` (${s.delay_days} day rolling basis)` : "";
  const anchor =
    s.interval === "weekly" && s.weekly_anchor
      ? `, every ${s.weekly_anchor}`
      : s.interval === "monthly" && s.monthly_anchor
        ? `, on day ${s.monthly_anchor}`
        : "";
  return `${interval}${anchor}${delay}`;
}

function actionMessage(kind, text) {
  return h(
    "div",
    kind === "error" ? { class: "emu-alert", role: "alert" } : { class: "emu-success", role: "status" },
    text,
  );
}

/** Balance figures, the "Pay out" action and the schedule (editable only with edit_payout_schedule). */
async function balanceSection(el, features, message) {
  const [balance, account] = await Promise.all([
    el.api("GET", "/_emulator/browser/connect/balance"),
    el.api("GET", "/_emulator/browser/connect/account"),
  ]);
  const available = sumByCurrency(balance.available);
  const pending = sumByCurrency(balance.pending);
  const currencies = Array.from(new Set([...Object.keys(available), ...Object.keys(pending)]));
  if (!currencies.length) currencies.push(account.default_currency || "usd");
  const primary = currencies[0];
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
        h("dd", null, emuFormatMoney(available[cur] || 0, cur)),
      ),
      h(
        "div",
        { class: "emu-stat" },
        h("dt", null, `Pending${currencies.length > 1 ? ` (${cur.toUpperCase()})` : ""}`),
        h("dd", null, emuFormatMoney(pending[cur] || 0, cur)),
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
          `Pay out ${emuFormatMoney(payable, primary)} to ${bank ? `${bank.bank_name || "bank account"} ••••${bank.last4}` : "the bank account on file"}?`,
        ),
        h("div", { class: "emu-actions" }, confirmBtn, cancelBtn),
      );
      cancelBtn.addEventListener("click", () => box.replaceWith(actions));
      confirmBtn.addEventListener("click", async () => {
        confirmBtn.disabled = true;
        try {
          const created = await el.api("POST", "/_emulator/browser/connect/payouts", { amount: payable });
          await el.rerender(
            actionMessage(
              "ok",
              `Payout of ${emuFormatMoney(created.amount || payable, created.currency || primary)} created.`,
            ),
          );
        } catch (err) {
          confirmBtn.disabled = false;
          box.appendChild(actionMessage("error", err.message));
        }
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
      const current =
        (account.settings &&
          account.settings.payouts &&
          account.settings.payouts.schedule &&
          account.settings.payouts.schedule.interval) ||
        "daily";
      const interval = connectField("Payout frequency", {
        tag: "select",
        value: current,
        options: Object.keys(SCHEDULE_LABELS).map((k) => h("option", { value: k }, SCHEDULE_LABELS[k])),
      });
      const save = h("button", { type: "submit", class: "emu-primary" }, "Save schedule");
      const form = h(
        "form",
        { "aria-label": "Edit payout schedule" },
        interval.wrap,
        h(
          "div",
          { class: "emu-actions" },
          save,
          h("button", { type: "button", onclick: () => el.rerender() }, "Cancel"),
        ),
      );
      form.addEventListener("submit", async (e) => {
        e.preventDefault();
        save.disabled = true;
        try {
          await el.api("POST", "/_emulator/browser/connect/payout_schedule", {
            interval: interval.input.value,
          });
          await el.rerender(actionMessage("ok", "Payout schedule updated."));
        } catch (err) {
          save.disabled = false;
          interval.error.textContent = err.message;
        }
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

const PAYOUT_STATUS_TONE = {
  paid: "ok",
  pending: "warn",
  in_transit: "warn",
  failed: "bad",
  canceled: "bad",
};

async function payoutsTable(el) {
  const payouts = listData(await el.api("GET", "/_emulator/browser/connect/payouts"));
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
          h("td", null, emuFormatMoney(p.amount, p.currency)),
          h("td", null, statusPill(String(p.status || "").replace(/_/g, " "), PAYOUT_STATUS_TONE[p.status])),
          h("td", null, emuFormatDate(p.arrival_date)),
          h("td", { class: "emu-muted" }, p.id),
        ),
      ),
    ),
  );
}

function moneyRenderer(title, component, withBalance, withList) {
  return {
    component,
    title,
    async render(el, ctx) {
      el.rerender = async (message) => {
        const parts = [];
        if (withBalance) parts.push(await balanceSection(el, ctx.features, message));
        if (withList) parts.push(await payoutsTable(el));
        el.show(h("div", { class: "emu-c" }, el.header(title), parts));
      };
      await el.rerender();
    },
  };
}

CONNECT_RENDERERS.payouts = moneyRenderer("Payouts", "payouts", true, true);
CONNECT_RENDERERS.balances = moneyRenderer("Balances", "balances", true, false);
CONNECT_RENDERERS["payouts-list"] = moneyRenderer("Payouts", "payouts_list", false, true);
