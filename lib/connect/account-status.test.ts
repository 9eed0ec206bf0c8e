import { describe, expect, it } from "vitest";
import { accountReadiness, describeRequirements } from "./account-status";

const base = {
  chargesEnabled: false,
  detailsSubmitted: false,
  requirementsCurrentlyDue: [] as string[],
  requirementsPastDue: [] as string[],
};

describe("accountReadiness", () => {
  it.each([
    [{ ...base }, "onboarding_incomplete"],
    [{ ...base, requirementsCurrentlyDue: ["external_account"] }, "onboarding_incomplete"],
    [
      { ...base, detailsSubmitted: true, requirementsPastDue: ["individual.verification.document"] },
      "needs_information",
    ],
    [{ ...base, detailsSubmitted: true }, "in_review"],
    [{ ...base, detailsSubmitted: true, chargesEnabled: true }, "ready"],
    // Stripe's charges_enabled decides, as in the shop: details_submitted is not a second gate.
    [{ ...base, chargesEnabled: true }, "ready"],
    [{ ...base, detailsSubmitted: true, chargesEnabled: true, disconnectedAt: new Date() }, "disconnected"],
  ])("%j → %s", (account, expected) => {
    expect(accountReadiness(account)).toBe(expected);
  });
});

describe("describeRequirements", () => {
  it("names Stripe's fields in words, one item per thing", () => {
    expect(
      describeRequirements([
        "individual.dob.day",
        "individual.dob.month",
        "individual.dob.year",
        "individual.first_name",
        "individual.address.line1",
        "individual.address.postal_code",
        "external_account",
        "company.tax_id",
        "tos_acceptance.date",
        "tos_acceptance.ip",
        "person_1AbC.verification.document",
      ]),
    ).toEqual([
      "Date of birth",
      "First name",
      "Home address",
      "Bank account for payouts",
      "Company tax ID",
      "Acceptance of Stripe's terms",
      "Identity document",
    ]);
  });

  it("never shows a raw path fragment like 'Dob day' or 'Individual first name'", () => {
    const labels = describeRequirements([
      "individual.dob.day",
      "individual.first_name",
      "business_profile.mcc",
    ]);
    expect(labels).toEqual(["Date of birth", "First name", "Industry"]);
    expect(labels.join(" ")).not.toMatch(/dob|individual/i);
  });
});
