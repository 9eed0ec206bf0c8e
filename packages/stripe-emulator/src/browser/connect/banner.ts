/*
 * <stripe-connect-notification-banner>: outstanding requirements, counted through
 * onNotificationsChange, with the onboarding flow in a dialog as its action.
 * Part of the fake Connect.js bundle (uses onboardingFlow from onboarding-flow.ts).
 */
import { isRecord } from "../common";
import { h, testModeBadge, uid } from "../dom";
import { onboardingFlow } from "./onboarding-flow";
import type { Account, ComponentHost, ComponentName, Renderer } from "./types";

const KNOWN_REQUIREMENTS: Partial<Record<string, string>> = {
  "business_profile.url": "Business website",
  "business_profile.mcc": "Industry",
  "business_profile.name": "Business name",
  external_account: "Bank account for payouts",
  "tos_acceptance.date": "Terms of service acceptance",
  "tos_acceptance.ip": "Terms of service acceptance",
  business_type: "Business type",
};

function humanizeRequirement(field: string): string {
  const known = KNOWN_REQUIREMENTS[field];
  if (known) return known;
  const last = field.split(".").slice(-2).join(" ").replace(/_/g, " ");
  return last.charAt(0).toUpperCase() + last.slice(1);
}

export const notificationBanner: Renderer = {
  component: "notification_banner",
  title: "Notifications",
  async render(el, ctx) {
    const account = await el.api<Account>("GET", "/_emulator/browser/connect/account");
    const req = account.requirements;
    const collectionOptions = el._props.collectionOptions;
    const eventually = (isRecord(collectionOptions) && collectionOptions.fields) === "eventually_due";
    const due = Array.from(
      new Set([
        ...(req?.past_due || []),
        ...(req?.currently_due || []),
        ...(eventually ? req?.eventually_due || [] : []),
      ]),
    );
    const errors = req?.errors || [];
    const notifications: { action: boolean }[] = [];
    if (due.length) notifications.push({ action: true });
    for (let i = 0; i < errors.length; i++) notifications.push({ action: true });
    if (!eventually && (req?.eventually_due || []).some((r) => !due.includes(r)))
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
          testModeBadge("Test mode"),
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
function openOnboardingDialog(el: ComponentHost, account: Account, component: ComponentName): void {
  const titleId = uid("dlg");
  let overlay: HTMLDivElement | null = null;
  const close = () => {
    overlay?.remove();
    void el.reload();
  };
  const flow = onboardingFlow(account, {
    api: (method, path, payload) => el.api<unknown>(method, path, payload, component),
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
        testModeBadge("Test mode"),
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
  const first = overlay.querySelector<HTMLElement>("input, select, button");
  if (first) first.focus();
}
