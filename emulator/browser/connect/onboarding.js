/*
 * <stripe-connect-account-onboarding>: the summary once onboarding is done, otherwise the flow from
 * onboarding-flow.js. Part of the fake Connect.js bundle.
 */

function onboardingSummary(account, heading) {
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
      h("dd", null, bank ? `${bank.bank_name || "Bank account"} ••••${bank.last4}` : "—"),
      h("dt", null, "Charges"),
      h("dd", null, account.charges_enabled ? "Enabled" : "Not enabled"),
    ),
  );
}

CONNECT_RENDERERS["account-onboarding"] = {
  component: "account_onboarding",
  title: "Account onboarding",
  async render(el) {
    const account = await el.api("GET", "/_emulator/browser/connect/account");
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
      api: (method, path, payload) => el.api(method, path, payload),
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
