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
    [{ ...base, detailsSubmitted: true, chargesEnabled: true, disconnectedAt: new Date() }, "disconnected"],
  ])("%j → %s", (account, expected) => {
    expect(accountReadiness(account)).toBe(expected);
  });
});

describe("describeRequirements", () => {
  it("names Stripe's fields in words, once each", () => {
    expect(
      describeRequirements([
        "individual.dob.day",
        "individual.dob.month",
        "external_account",
        "company.tax_id",
        "tos_acceptance.ip",
      ]),
    ).toEqual([
      "Your date of birth",
      "Bank account for payouts",
      "Company tax id",
      "Acceptance of Stripe's terms",
    ]);
  });
});
