/*
 * <stripe-connect-account-management> and <stripe-connect-documents>.
 * Part of the fake Connect.js bundle.
 */
import { messageOf } from "../common";
import { h, uid } from "../dom";
import { bankName, connectField, type ConnectField } from "./fields";
import type { Rerender } from "./payouts";
import { listData } from "./session";
import type { Account, ComponentHost, Renderer } from "./types";

function accountSection(
  el: ComponentHost,
  title: string,
  sectionName: string,
  rows: [string, string | null | undefined][],
  editForm: (cancel: () => void) => HTMLFormElement,
): HTMLElement {
  const headingId = uid("sec");
  const section = h("section", { "aria-labelledby": headingId });
  const edit = h("button", { type: "button", "aria-label": `Edit ${title.toLowerCase()}` }, "Edit");
  const view = () => {
    section.replaceChildren(
      h("div", { class: "emu-c-head" }, h("h3", { id: headingId }, title), edit),
      h(
        "dl",
        { class: "emu-kv" },
        rows.map(([k, v]) => [h("dt", null, k), h("dd", null, v || "—")]),
      ),
    );
  };
  edit.addEventListener("click", () => {
    el._emit("onSectionOpen", { sectionName });
    const form = editForm(view);
    section.replaceChildren(h("h3", { id: headingId }, title), form);
    const first = form.querySelector<HTMLElement>("input, select");
    if (first) first.focus();
  });
  view();
  return section;
}

function saveForm(
  label: string,
  fields: ConnectField[],
  onSave: () => Promise<void>,
  onCancel: () => void,
): HTMLFormElement {
  const save = h("button", { type: "submit", class: "emu-primary" }, "Save");
  const alertBox = h("div");
  const form = h(
    "form",
    { "aria-label": label, novalidate: true },
    h(
      "div",
      { class: "emu-row" },
      fields.map((f) => f.wrap),
    ),
    alertBox,
    h("div", { class: "emu-actions" }, save, h("button", { type: "button", onclick: onCancel }, "Cancel")),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void (async () => {
      save.disabled = true;
      alertBox.replaceChildren();
      try {
        await onSave();
      } catch (err) {
        save.disabled = false;
        alertBox.replaceChildren(h("div", { class: "emu-alert", role: "alert" }, messageOf(err)));
      }
    })();
  });
  return form;
}

function businessSection(el: ComponentHost, rerender: Rerender, account: Account): HTMLElement {
  const bp = account.business_profile;
  return accountSection(
    el,
    "Business details",
    "public",
    [
      ["Business name", bp?.name],
      ["Website", bp?.url],
      ["Support email", bp?.support_email],
      ["Support phone", bp?.support_phone],
    ],
    (cancel) => {
      const name = connectField("Business name", { type: "text", value: bp?.name || "" });
      const url = connectField("Website", { type: "url", value: bp?.url || "" });
      const email = connectField("Support email", { type: "email", value: bp?.support_email || "" });
      const phone = connectField("Support phone", { type: "tel", value: bp?.support_phone || "" });
      return saveForm(
        "Edit business details",
        [name, url, email, phone],
        async () => {
          const value = (f: ConnectField) => f.input.value.trim() || undefined;
          await el.api("POST", "/_emulator/browser/connect/account", {
            business_profile: {
              name: value(name),
              url: value(url),
              support_email: value(email),
              support_phone: value(phone),
            },
          });
          await rerender(h("div", { class: "emu-success", role: "status" }, "Business details saved."));
        },
        cancel,
      );
    },
  );
}

function bankSection(el: ComponentHost, rerender: Rerender, account: Account): HTMLElement {
  const bank = listData(account.external_accounts)[0];
  return accountSection(
    el,
    "Bank account",
    "payout_details",
    [
      ["Account", bank ? `${bankName(bank) || "Bank account"} ••••${bank.last4}` : "No bank account"],
      ["Routing number", bank && bank.object === "bank_account" ? bank.routing_number : undefined],
      ["Currency", bank && String(bank.currency || "").toUpperCase()],
    ],
    (cancel) => {
      const routing = connectField("Routing number", {
        type: "text",
        inputmode: "numeric",
        placeholder: "110000000",
      });
      const number = connectField("Account number", {
        type: "text",
        inputmode: "numeric",
        placeholder: "000123456789",
      });
      return saveForm(
        "Edit bank account",
        [routing, number],
        async () => {
          if (!/^\d{9}$/.test(routing.input.value.trim()))
            throw new Error("Routing numbers have 9 digits (test: 110000000).");
          if (!/^\d{4,17}$/.test(number.input.value.trim()))
            throw new Error("Enter a valid account number (test: 000123456789).");
          await el.api("POST", "/_emulator/browser/connect/account", {
            external_account: {
              routing_number: routing.input.value.trim(),
              account_number: number.input.value.trim(),
            },
          });
          await rerender(h("div", { class: "emu-success", role: "status" }, "Bank account updated."));
        },
        cancel,
      );
    },
  );
}

export const accountManagement: Renderer = {
  component: "account_management",
  title: "Account settings",
  async render(el) {
    const rerender: Rerender = async (message) => {
      const account = await el.api<Account>("GET", "/_emulator/browser/connect/account");
      const business = businessSection(el, rerender, account);
      const payouts = bankSection(el, rerender, account);
      el.show(
        h("div", { class: "emu-c" }, el.header("Account settings"), message || null, business, payouts),
      );
    };
    el.rerender = rerender;
    await rerender();
  },
};

export const documents: Renderer = {
  component: "documents",
  title: "Documents",
  async render(el) {
    // The emulator issues no tax forms or invoices; the list is real but always empty.
    const account = await el.api<Account>("GET", "/_emulator/browser/connect/account");
    el.show(
      h(
        "div",
        { class: "emu-c" },
        el.header("Documents"),
        h(
          "p",
          { class: "emu-muted" },
          `Tax forms and invoices issued to ${(account.business_profile && account.business_profile.name) || account.id}.`,
        ),
        h(
          "table",
          null,
          h("caption", null, "Documents"),
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              h("th", { scope: "col" }, "Document"),
              h("th", { scope: "col" }, "Year"),
              h("th", { scope: "col" }, "Issued"),
            ),
          ),
          h(
            "tbody",
            null,
            h("tr", null, h("td", { colspan: "3", class: "emu-muted" }, "No documents available.")),
          ),
        ),
      ),
    );
  },
};
