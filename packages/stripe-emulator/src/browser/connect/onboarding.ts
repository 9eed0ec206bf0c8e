/*
 * <stripe-connect-account-onboarding>: the summary once onboarding is done, otherwise the flow from
 * onboarding-flow.ts. Part of the fake Connect.js bundle.
 */
import { h } from "../dom";
import { bankName } from "./fields";
import { accountNeedsOnboarding, onboardingFlow } from "./onboarding-flow";
import { listData } from "./session";
import type { Account, Renderer } from "./types";

function onboardingSummary(account: Account, heading: string): HTMLDivElement {
  const bank = listData(account.external_accounts)[0];
  return h(
    "div",
    null,
    h(
      "div",
      { class: "emu-success", role: "status" },
      h("strong", null, heading),
      "All required information has been provided. Charges and payouts are enabled.",
    ),
    h(
      "dl",
      { class: "emu-kv" },
      h("dt", null, "Business"),
      h("dd", null, (account.business_profile && account.business_profile.name) || "—"),
      h("dt", null, "Payouts to"),
      h("dd", null, bank ? `${bankName(bank) || "Bank account"} ••••${bank.last4}` : "—"),
      h("dt", null, "Charges"),
      h("dd", null, account.charges_enabled ? "Enabled" : "Not enabled"),
    ),
  );
}

export const accountOnboarding: Renderer = {
  component: "account_onboarding",
  title: "Account onboarding",
  async render(el) {
    const account = await el.api<Account>("GET", "/_emulator/browser/connect/account");
    const exit = () => el._emit("onExit", undefined);
    if (!accountNeedsOnboarding(account)) {
      el.show(
        h(
          "div",
          { class: "emu-c" },
          el.header("Account onboarding"),
          onboardingSummary(account, "Your account is set up."),
          h(
            "div",
            { class: "emu-actions" },
            h("button", { type: "button", class: "emu-primary", onclick: exit }, "Done"),
          ),
        ),
      );
      el._emit("onStepChange", { step: "summary" });
      return;
    }
    const flow = onboardingFlow(account, {
      api: (method, path, payload) => el.api<unknown>(method, path, payload),
      onStep: (step) => el._emit("onStepChange", { step }),
      onDone: (updated) => {
        el.show(
          h(
            "div",
            { class: "emu-c" },
            el.header("Account onboarding"),
            onboardingSummary(updated, "Onboarding complete."),
          ),
        );
        el.setAttribute("data-state", "complete");
        el._emit("onStepChange", { step: "summary" });
        exit();
      },
    });
    el.show(h("div", { class: "emu-c" }, el.header("Account onboarding"), flow));
  },
};
