import { z } from "zod";

/*
 * The evidence fields a marketplace can answer with (Stripe's `dispute.evidence` names), the form that
 * edits them and what Stripe accepts. File fields hold the id of a file uploaded to this dispute
 * (lib/disputes/notes.ts); text fields hold what the admin typed.
 */

export const EVIDENCE_TEXT_FIELDS = [
  { key: "product_description", label: "Product description", long: true },
  { key: "customer_name", label: "Customer name", long: false },
  { key: "customer_email_address", label: "Customer email", long: false },
  { key: "shipping_carrier", label: "Shipping carrier", long: false },
  { key: "shipping_tracking_number", label: "Tracking number", long: false },
  { key: "shipping_date", label: "Shipping date", long: false },
  { key: "refund_policy_disclosure", label: "How the refund policy was shown", long: true },
  { key: "uncategorized_text", label: "Other information", long: true },
] as const;

export const EVIDENCE_FILE_FIELDS = [
  { key: "customer_communication", label: "Customer communication" },
  { key: "receipt", label: "Receipt" },
  { key: "shipping_documentation", label: "Shipping documentation" },
  { key: "refund_policy", label: "Refund policy" },
  { key: "uncategorized_file", label: "Other file" },
] as const;

export type EvidenceTextKey = (typeof EVIDENCE_TEXT_FIELDS)[number]["key"];
export type EvidenceFileKey = (typeof EVIDENCE_FILE_FIELDS)[number]["key"];
export type EvidenceKey = EvidenceTextKey | EvidenceFileKey;
export type Evidence = Record<EvidenceKey, string>;

export const EVIDENCE_KEYS: readonly EvidenceKey[] = [
  ...EVIDENCE_TEXT_FIELDS.map((f) => f.key),
  ...EVIDENCE_FILE_FIELDS.map((f) => f.key),
];

/** Stripe's limit on one text field (and far below the 150,000 characters of all of them together). */
const TEXT_MAX = 20_000;

const text = z
  .string({ error: "Must be text." })
  .trim()
  .max(TEXT_MAX, `At most ${TEXT_MAX.toLocaleString("en-US")} characters.`)
  .optional()
  .default("");
const fileId = z
  .string({ error: "Must be a file id." })
  .trim()
  .regex(/^(file_[A-Za-z0-9_]+)?$/, "Choose one of this dispute's files.")
  .optional()
  .default("");

const evidenceShape = {
  ...Object.fromEntries(EVIDENCE_TEXT_FIELDS.map((f) => [f.key, text])),
  ...Object.fromEntries(EVIDENCE_FILE_FIELDS.map((f) => [f.key, fileId])),
} as Record<EvidenceKey, typeof text>;

export const evidenceFormSchema = z.strictObject({
  disputeId: z.uuid("Unknown dispute."),
  intent: z.enum(["draft", "submit"], { error: "Choose save or submit." }),
  ...evidenceShape,
});

export function evidenceOf(form: Record<string, unknown>): Evidence {
  return Object.fromEntries(
    EVIDENCE_KEYS.map((k) => [k, typeof form[k] === "string" ? form[k] : ""]),
  ) as Evidence;
}

/** Stripe's evidence object (strings, files as ids, null when empty) as the form's values. */
export function evidenceFromStripe(evidence: Record<string, unknown> | null | undefined): Evidence {
  return Object.fromEntries(
    EVIDENCE_KEYS.map((k) => {
      const value = evidence?.[k];
      if (typeof value === "string") return [k, value];
      if (value && typeof value === "object" && "id" in value) return [k, String(value.id)];
      return [k, ""];
    }),
  ) as Evidence;
}
