/*
 * The three-step onboarding form behind <stripe-connect-account-onboarding> (also opened from the
 * notification banner). Part of the fake Connect.js bundle.
 */
import { messageOf } from "../common";
import { h } from "../dom";
import { connectField, connectSelect, type ConnectField } from "./fields";
import type { Account } from "./types";

type StepId = "business_details" | "representative" | "external_account";

const ONBOARDING_STEPS: readonly { id: StepId; label: string }[] = [
  { id: "business_details", label: "Business details" },
  { id: "representative", label: "Representative" },
  { id: "external_account", label: "Bank account" },
];

const MCC_OPTIONS: readonly [string, string][] = [
  ["5734", "Computer software stores"],
  ["5945", "Hobby, toy and game shops"],
  ["5977", "Cosmetic stores"],
  ["5999", "Miscellaneous retail"],
  ["7299", "Miscellaneous services"],
  ["8999", "Professional services"],
];

export function accountNeedsOnboarding(account: Account): boolean {
  const req = account.requirements;
  return (
    !account.details_submitted || (req?.currently_due || []).length > 0 || (req?.past_due || []).length > 0
  );
}

function pad2(n: number | null): string {
  return String(n).padStart(2, "0");
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
  const bp = account.business_profile;
  const ind = account.individual;
  const dob =
    ind?.dob && ind.dob.year ? `${ind.dob.year}-${pad2(ind.dob.month)}-${pad2(ind.dob.day)}` : "1901-01-01";
  const addr = ind?.address;
  const f = {
    name: connectField("Business name", {
      type: "text",
      autocomplete: "organization",
      value: bp?.name || "",
      required: true,
    }),
    url: connectField("Business website", {
      type: "url",
      autocomplete: "url",
      value: bp?.url || "https://accessible.stripe.com",
      required: true,
    }),
    mcc: connectSelect(
      "Industry",
      bp?.mcc || "5999",
      MCC_OPTIONS.map(([code, label]) => h("option", { value: code }, label)),
    ),
    first: connectField("First name", {
      type: "text",
      autocomplete: "given-name",
      value: ind?.first_name || "",
      required: true,
    }),
    last: connectField("Last name", {
      type: "text",
      autocomplete: "family-name",
      value: ind?.last_name || "",
      required: true,
    }),
    dob: connectField("Date of birth", { type: "date", value: dob, required: true }),
    line1: connectField("Address", {
      type: "text",
      autocomplete: "address-line1",
      value: addr?.line1 || "address_full_match",
      required: true,
    }),
    city: connectField("City", {
      type: "text",
      autocomplete: "address-level2",
      value: addr?.city || "San Francisco",
      required: true,
    }),
    state: connectField("State", {
      type: "text",
      autocomplete: "address-level1",
      value: addr?.state || "CA",
    }),
    postal: connectField("ZIP code", {
      type: "text",
      autocomplete: "postal-code",
      value: addr?.postal_code || "94103",
      required: true,
    }),
    routing: connectField("Routing number", {
      type: "text",
      inputmode: "numeric",
      value: "110000000",
      required: true,
    }),
    accountNumber: connectField("Account number", {
      type: "text",
      inputmode: "numeric",
      value: "000123456789",
      required: true,
    }),
  };
  const stepFields: Record<StepId, Field[]> = {
    business_details: [f.name, f.url, f.mcc],
    representative: [f.first, f.last, f.dob, f.line1, f.city, f.state, f.postal],
    external_account: [f.routing, f.accountNumber],
  };
  const status = h("div", { role: "status", "aria-live": "polite" });
  const alertBox = h("div");
  const root = h("div", { class: "emu-onboarding" });
  let index = 0;

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

  async function submit(button: HTMLButtonElement): Promise<void> {
    const [year, month, day] = f.dob.input.value.split("-").map(Number);
    button.disabled = true;
    status.textContent = "Submitting…";
    alertBox.replaceChildren();
    try {
      const updated = await hooks.api("POST", "/_emulator/browser/connect/onboarding", {
        business_profile: {
          name: f.name.input.value.trim(),
          url: f.url.input.value.trim(),
          mcc: f.mcc.input.value,
        },
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
      alertBox.replaceChildren(
        h(
          "div",
          { class: "emu-alert", role: "alert" },
          h("strong", null, "We couldn't submit your information."),
          messageOf(err),
        ),
      );
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
      else {
        index += 1;
        renderStep();
      }
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
