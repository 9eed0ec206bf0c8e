/*
 * <stripe-connect-payments>: the charges list with filters and refunds (when the session enables
 * refund_management). Part of the fake Connect.js bundle; loads after payouts.js.
 */

function chargeStatus(c) {
  if (c.disputed) return ["Disputed", "bad"];
  if (c.refunded) return ["Refunded", null];
  if (c.amount_refunded > 0) return ["Partially refunded", "warn"];
  if (c.status === "succeeded") return c.captured === false ? ["Uncaptured", "warn"] : ["Succeeded", "ok"];
  if (c.status === "failed") return ["Failed", "bad"];
  return ["Pending", "warn"];
}

/** setDefaultFilters({ status: [...] }) in the vocabulary of the real component. */
function chargeMatchesFilters(c, filters) {
  const wanted = filters && Array.isArray(filters.status) ? filters.status : null;
  if (!wanted || !wanted.length) return true;
  const label = chargeStatus(c)[0];
  const map = {
    Succeeded: "successful",
    Refunded: "refunded",
    "Partially refunded": "partially_refunded",
    Failed: "failed",
    Disputed: "disputed",
    Pending: "incomplete",
    Uncaptured: "uncaptured",
  };
  return wanted.includes(map[label]);
}

function refundForm(el, charge, row) {
  const remaining = charge.amount - (charge.amount_refunded || 0);
  const minor = !EMU_ZERO_DECIMAL.includes(String(charge.currency).toLowerCase());
  const amount = connectField("Refund amount", {
    type: "number",
    min: minor ? "0.01" : "1",
    step: minor ? "0.01" : "1",
    value: minor ? (remaining / 100).toFixed(2) : String(remaining),
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
      h("button", { type: "button", onclick: () => form.closest("tr").remove() }, "Cancel"),
    ),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const value = Math.round(Number(amount.input.value) * (minor ? 100 : 1));
    if (!(value > 0) || value > remaining) {
      amount.error.textContent = `Enter an amount up to ${emuFormatMoney(remaining, charge.currency)}.`;
      return;
    }
    confirm.disabled = true;
    try {
      await el.api("POST", "/_emulator/browser/connect/refunds", { charge: charge.id, amount: value });
      await el.rerender(actionMessage("ok", `Refunded ${emuFormatMoney(value, charge.currency)}.`));
    } catch (err) {
      confirm.disabled = false;
      amount.error.textContent = err.message;
    }
  });
  const tr = h("tr", null, h("td", { colspan: "6" }, form));
  row.after(tr);
  amount.input.focus();
}

CONNECT_RENDERERS.payments = {
  component: "payments",
  title: "Payments",
  async render(el, ctx) {
    const canRefund = Boolean(ctx.features.refund_management);
    el.rerender = async (message) => {
      const charges = listData(await el.api("GET", "/_emulator/browser/connect/charges")).filter((c) =>
        chargeMatchesFilters(c, el._props.defaultFilters),
      );
      let body;
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
                .filter(Boolean)
                .map((t) => h("th", { scope: "col" }, t)),
            ),
          ),
          h(
            "tbody",
            null,
            charges.map((c) => {
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
                h("td", null, emuFormatMoney(c.amount, c.currency)),
                h("td", null, statusPill(label, tone)),
                h("td", null, card ? `${card.brand || "card"} ••••${card.last4}` : "—"),
                h("td", null, c.description || (c.billing_details && c.billing_details.email) || c.id),
                h("td", null, emuFormatDate(c.created)),
                canRefund
                  ? h(
                      "td",
                      null,
                      refundable
                        ? h(
                            "button",
                            {
                              type: "button",
                              "aria-label": `Refund ${emuFormatMoney(c.amount, c.currency)} payment ${c.id}`,
                            },
                            "Refund",
                          )
                        : null,
                    )
                  : null,
              );
              const btn = row.querySelector("button");
              if (btn) btn.addEventListener("click", () => refundForm(el, c, row));
              return row;
            }),
          ),
        );
      }
      el.show(h("div", { class: "emu-c" }, el.header("Payments"), message || null, body));
    };
    await el.rerender();
  },
};
