/*
 * <stripe-connect-notification-banner>: outstanding requirements, counted through
 * onNotificationsChange, with the onboarding flow in a dialog as its action.
 * Part of the fake Connect.js bundle (uses onboardingFlow from onboarding-flow.js).
 */

function humanizeRequirement(field) {
  const known = {
    "business_profile.url": "Business website",
    "business_profile.mcc": "Industry",
    "business_profile.name": "Business name",
    external_account: "Bank account for payouts",
    "tos_acceptance.date": "Terms of service acceptance",
    "tos_acceptance.ip": "Terms of service acceptance",
    business_type: "Business type",
  };
  if (known[field]) return known[field];
  const last = field.split(".").slice(-2).join(" ").replace(/_/g, " ");
  return last.charAt(0).toUpperCase() + last.slice(1);
}

CONNECT_RENDERERS["notification-banner"] = {
  component: "notification_banner",
  title: "Notifications",
  async render(el, ctx) {
    const account = await el.api("GET", "/_emulator/browser/connect/account");
    const req = account.requirements || {};
    const eventually =
      (el._props.collectionOptions && el._props.collectionOptions.fields) === "eventually_due";
    const due = Array.from(
      new Set([
        ...(req.past_due || []),
        ...(req.currently_due || []),
        ...(eventually ? req.eventually_due || [] : []),
      ]),
    );
    const errors = req.errors || [];
    const notifications = [];
    if (due.length) notifications.push({ action: true });
    for (let i = 0; i < errors.length; i++) notifications.push({ action: true });
    if (!eventually && (req.eventually_due || []).some((r) => !due.includes(r)))
      notifications.push({ action: false });
    const total = notifications.length;
    const actionRequired = notifications.filter((n) => n.action).length;
    // Reported when the counts change (first load included), like the real banner.
    const key = `${total}/${actionRequired}`;
    if (el._lastNotificationKey !== key) {
      el._lastNotificationKey = key;
      el._emit("onNotificationsChange", { total, actionRequired });
    }
    if (total === 0) {
      el.setAttribute("data-state", "ready");
      el.show(); // The real banner renders nothing when there is nothing to say.
      return;
    }
    const labels = Array.from(new Set(due.map(humanizeRequirement)));
    const onboardingComponent =
      ctx.session.components.account_onboarding && ctx.session.components.account_onboarding.enabled
        ? "account_onboarding"
        : "notification_banner";
    const open = () => openOnboardingDialog(el, account, onboardingComponent);
    el.show(
      h(
        "div",
        { class: "emu-banner", role: "region", "aria-label": "Account notifications" },
        h(
          "div",
          { class: "emu-c-head" },
          h("strong", null, actionRequired ? "Action required" : "Heads up"),
          emuTestModeBadge("Test mode"),
        ),
        h(
          "p",
          { style: { margin: "0" } },
          actionRequired
            ? "Provide the missing information to keep accepting payments and receiving payouts."
            : "Stripe will need more information from you in the future.",
        ),
        labels.length
          ? h(
              "ul",
              null,
              labels.map((l) => h("li", null, l)),
            )
          : null,
        errors.length
          ? h(
              "ul",
              null,
              errors.map((e) => h("li", null, e.reason || e.code || "Verification problem")),
            )
          : null,
        h(
          "div",
          { class: "emu-actions" },
          h("button", { type: "button", class: "emu-primary", onclick: open }, "Complete onboarding"),
        ),
      ),
    );
  },
};

/** The banner's action: the onboarding flow in a modal dialog, then the banner refreshes. */
function openOnboardingDialog(el, account, component) {
  const titleId = emuUid("dlg");
  let overlay = null;
  const close = () => {
    overlay.remove();
    el.reload();
  };
  const flow = onboardingFlow(account, {
    api: (method, path, payload) => el.api(method, path, payload, component),
    onStep: () => {},
    onDone: () => close(),
  });
  overlay = h(
    "div",
    { class: "emu-overlay" },
    h(
      "div",
      { class: "emu-dialog emu-c", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId },
      h(
        "div",
        { class: "emu-c-head" },
        h("h2", { id: titleId }, "Update your account"),
        emuTestModeBadge("Test mode"),
      ),
      flow,
      h(
        "div",
        { class: "emu-actions" },
        h("button", { type: "button", class: "emu-link", onclick: close }, "Close"),
      ),
    ),
  );
  overlay.addEventListener("keydown", (e) => {
    if (e.key === "Escape") close();
  });
  el._shadow.appendChild(overlay);
  const first = overlay.querySelector("input, select, button");
  if (first) first.focus();
}
