/*
 * The three-step onboarding form behind <stripe-connect-account-onboarding> (also opened from the
 * notification banner). Each "Continue" saves that step on the account (as Stripe's onboarding stores
 * what was submitted), so a seller who leaves and comes back starts at the first step still missing,
 * with what they entered kept. Part of the fake Connect.js bundle.
 */
import { messageOf } from "../common";
import { h } from "../dom";
import type { ConnectField } from "./fields";
import { onboardingFields } from "./onboarding-fields";
import type { Account } from "./types";

export type StepId = "business_details" | "representative" | "external_account";

const ONBOARDING_STEPS: readonly { id: StepId; label: string }[] = [
  { id: "business_details", label: "Business details" },
  { id: "representative", label: "Representative" },
  { id: "external_account", label: "Bank account" },
];

export function accountNeedsOnboarding(account: Account): boolean {
  const req = account.requirements;
  return (
    !account.details_submitted || (req?.currently_due || []).length > 0 || (req?.past_due || []).length > 0
  );
}

/**
 * The first step whose details the account does not have yet (Stripe's onboarding shows only what is
 * still outstanding); the last step when only the bank account and the final submission remain.
 */
export function firstMissingStep(account: Account): number {
  const bp = account.business_profile;
  const ind = account.individual;
  if (!bp?.name || !bp.url || !bp.mcc) return 0;
  if (!ind?.first_name || !ind.last_name || !ind.dob?.year || !ind.address?.line1) return 1;
  return ONBOARDING_STEPS.length - 1;
}

export interface OnboardingHooks {
  /** Posts to the emulator (the component's API call). */
  api(method: "POST", path: string, payload: Record<string, unknown>): Promise<unknown>;
  onStep(step: StepId): void;
  onDone(account: Account): void;
}

type Field = ConnectField<HTMLInputElement | HTMLSelectElement>;

/** The three-step onboarding form. Returns the root node. */
export function onboardingFlow(account: Account, hooks: OnboardingHooks): HTMLDivElement {
  const f = onboardingFields(account);
  const stepFields: Record<StepId, Field[]> = {
    business_details: [f.name, f.url, f.mcc],
    representative: [f.first, f.last, f.dob, f.line1, f.city, f.state, f.postal],
    external_account: [f.routing, f.accountNumber],
  };
  const status = h("div", { role: "status", "aria-live": "polite" });
  const alertBox = h("div");
  const root = h("div", { class: "emu-onboarding" });
  let index = firstMissingStep(account);

  function check(fields: Field[]): boolean {
    let firstBad: Field | null = null;
    for (const field of fields) {
      const value = String(field.input.value || "").trim();
      let message = "";
      if (field.input.required && !value) message = "This field is required.";
      else if (field === f.url && value && !/^https?:\/\/\S+\.\S+/.test(value))
        message = "Enter a valid website, e.g. https://example.com.";
      else if (field === f.routing && !/^\d{9}$/.test(value))
        message = "Routing numbers have 9 digits (test: 110000000).";
      else if (field === f.accountNumber && !/^\d{4,17}$/.test(value))
        message = "Enter a valid account number (test: 000123456789).";
      else if (field === f.dob && value && !/^\d{4}-\d{2}-\d{2}$/.test(value))
        message = "Enter a valid date of birth.";
      field.error.textContent = message;
      field.input.setAttribute("aria-invalid", message ? "true" : "false");
      if (message && !firstBad) firstBad = field;
    }
    if (firstBad) firstBad.input.focus();
    return !firstBad;
  }

  /** What a step sends: the same fields the final submission sends for it. */
  function stepPayload(step: "business_details" | "representative"): Record<string, unknown> {
    if (step === "business_details") {
      return {
        business_profile: {
          name: f.name.input.value.trim(),
          url: f.url.input.value.trim(),
          mcc: f.mcc.input.value,
        },
      };
    }
    const [year, month, day] = f.dob.input.value.split("-").map(Number);
    return {
      individual: {
        first_name: f.first.input.value.trim(),
        last_name: f.last.input.value.trim(),
        dob: { day, month, year },
        address: {
          line1: f.line1.input.value.trim(),
          city: f.city.input.value.trim(),
          state: f.state.input.value.trim() || undefined,
          postal_code: f.postal.input.value.trim(),
          country: account.country || "US",
        },
      },
    };
  }

  function showFailure(heading: string, err: unknown): void {
    alertBox.replaceChildren(
      h("div", { class: "emu-alert", role: "alert" }, h("strong", null, heading), " ", messageOf(err)),
    );
  }

  /** Saves a step on the account, then shows the next one; on failure the seller stays on the step. */
  async function saveStep(step: "business_details" | "representative", button: HTMLButtonElement) {
    button.disabled = true;
    status.textContent = "Saving…";
    alertBox.replaceChildren();
    try {
      await hooks.api("POST", "/_emulator/browser/connect/onboarding/progress", {
        step,
        ...stepPayload(step),
      });
      status.textContent = "";
      index += 1;
      renderStep();
    } catch (err) {
      button.disabled = false;
      status.textContent = "";
      showFailure("We couldn't save your information.", err);
    }
  }

  async function submit(button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    status.textContent = "Submitting…";
    alertBox.replaceChildren();
    try {
      const updated = await hooks.api("POST", "/_emulator/browser/connect/onboarding", {
        ...stepPayload("business_details"),
        ...stepPayload("representative"),
        external_account: {
          routing_number: f.routing.input.value.trim(),
          account_number: f.accountNumber.input.value.trim(),
        },
      });
      status.textContent = "";
      hooks.onDone(isAccount(updated) ? updated : account);
    } catch (err) {
      button.disabled = false;
      status.textContent = "";
      showFailure("We couldn't submit your information.", err);
    }
  }

  function renderStep(): void {
    const step = ONBOARDING_STEPS[index];
    if (!step) return;
    const last = index === ONBOARDING_STEPS.length - 1;
    const next = h("button", { type: "submit", class: "emu-primary" }, last ? "Submit" : "Continue");
    const form = h(
      "form",
      { "aria-labelledby": `${step.id}-title`, novalidate: true },
      h("h3", { id: `${step.id}-title` }, step.label),
      step.id === "external_account"
        ? h(
            "p",
            { class: "emu-muted" },
            "Test mode: use the prefilled test bank account (routing 110000000, account 000123456789).",
          )
        : null,
      step.id === "representative"
        ? h(
            "p",
            { class: "emu-muted" },
            "Test mode: date of birth 1901-01-01 and address “address_full_match” verify successfully.",
          )
        : null,
      h(
        "div",
        { class: "emu-row" },
        stepFields[step.id].map((field) => field.wrap),
      ),
      alertBox,
      status,
      h(
        "div",
        { class: "emu-actions" },
        index > 0
          ? h(
              "button",
              {
                type: "button",
                onclick: () => {
                  index -= 1;
                  renderStep();
                },
              },
              "Back",
            )
          : null,
        next,
      ),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (!check(stepFields[step.id])) return;
      if (last) void submit(next);
      else if (step.id !== "external_account") void saveStep(step.id, next);
    });
    root.replaceChildren(
      h(
        "ol",
        { class: "emu-steps", "aria-label": "Onboarding steps" },
        ONBOARDING_STEPS.map((s, i) =>
          h("li", { "aria-current": i === index ? "step" : null }, `${i + 1}. ${s.label}`),
        ),
      ),
      form,
    );
    hooks.onStep(step.id);
  }

  renderStep();
  return root;
}

function isAccount(value: unknown): value is Account {
  return typeof value === "object" && value !== null && "object" in value && value.object === "account";
}
