import { useRef, useState } from "react";
import { Banner, Box, Button, Checkbox, Select, TextArea, TextField } from "@stripe/ui-extension-sdk/ui";
import { backendUrl, callBackend, type BackendError, type RequestContext } from "../api";
import { REFUND_REASONS, type AppOrder, type RefundAnswer, type RefundRequest } from "../contract";
import { ErrorBanner } from "./ErrorBanner";

type Reason = RefundRequest["reason"];
/** What a person fills in: the request less its intent and token. */
type RefundFields = Omit<RefundRequest, "mode" | "intent" | "token">;
type FieldErrors = NonNullable<RefundAnswer["fieldErrors"]>;

const REASON_LABELS: Record<Reason, string> = {
  requested_by_customer: "Requested by the customer",
  duplicate: "Duplicate payment",
  fraudulent: "Fraudulent",
};

/** The form's fields, by the name the backend gives them in `fieldErrors`. */
const FIELD_NAMES = ["amount", "reason", "refund_application_fee", "note"] as const;

const isReason = (value: string): value is Reason => (REFUND_REASONS as readonly string[]).includes(value);

/** A refused refund's RefundAnswer (status "error"), whatever HTTP status carried it. */
function refundAnswerOf(body: unknown): RefundAnswer | null {
  if (typeof body !== "object" || body === null) return null;
  return (body as { status?: unknown }).status === "error" ? (body as RefundAnswer) : null;
}

interface Problem {
  /** The marketplace refused the request itself (signature, not linked, not found …). */
  error?: BackendError;
  /** The refund was refused: why, and what is wrong with which field. */
  message?: string;
  fieldErrors: FieldErrors;
}

/**
 * A refund of one order, made by the marketplace on the seller's behalf: preview, then confirm exactly what
 * was previewed. Typed values stay after any error; changing anything after a preview asks for a new one.
 */
/** A refund the backend made: its message, and whether Stripe already sent it (not pending). */
export interface RefundDone {
  message: string;
  succeeded: boolean;
}

export function RefundForm({
  context,
  order,
  onDone,
}: {
  context: RequestContext;
  order: AppOrder;
  /** The refund was made: the answer's message and Stripe's status, for the view to show while it reloads. */
  onDone: (done: RefundDone) => void;
}) {
  const { refundable } = order;
  const [amount, setAmount] = useState(refundable.decimal);
  const [reason, setReason] = useState<Reason>("requested_by_customer");
  const [returnFee, setReturnFee] = useState(order.refundFeeByDefault);
  const [note, setNote] = useState("");
  const [preview, setPreview] = useState<{ text: string; token: string; fields: RefundFields } | null>(null);
  const [pending, setPending] = useState<"preview" | "confirm" | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  // One request at a time, even for two presses before the buttons re-render as disabled.
  const busy = useRef(false);

  /** Any change voids a preview: the confirmation must refund what was previewed, nothing else. */
  function edit<V>(field: (typeof FIELD_NAMES)[number], set: (value: V) => void) {
    return (value: V) => {
      set(value);
      setPreview(null);
      setProblem((current) =>
        current ? { ...current, fieldErrors: { ...current.fieldErrors, [field]: undefined } } : current,
      );
    };
  }
  const editAmount = edit("amount", setAmount);
  const editReason = edit("reason", setReason);
  const editReturnFee = edit("refund_application_fee", setReturnFee);
  const editNote = edit("note", setNote);

  async function send(intent: "preview" | "confirm") {
    if (busy.current) return;
    const fields: RefundFields =
      intent === "confirm" && preview
        ? preview.fields
        : {
            order_id: order.id,
            amount: amount.trim(),
            reason,
            refund_application_fee: returnFee,
            ...(note.trim() ? { note: note.trim() } : {}),
          };
    const request =
      intent === "confirm" && preview ? { ...fields, intent, token: preview.token } : { ...fields, intent };
    busy.current = true;
    setPending(intent);
    setProblem(null);
    const result = await callBackend(context, "refund", request);
    busy.current = false;
    setPending(null);
    const answer = result.ok ? result.data : refundAnswerOf(result.body);
    if (answer?.status === "preview" && answer.preview) {
      // A confirmation answered with a preview refunded nothing: the order changed since (another refund
      // landed), so the new figures are shown, with why, for the admin to confirm again.
      setPreview({ text: answer.preview.text, token: answer.preview.token, fields });
      if (intent === "confirm")
        setProblem({ message: answer.message ?? "Nothing was refunded.", fieldErrors: {} });
      return;
    }
    setPreview(null);
    if (intent === "confirm" && answer?.status === "done") {
      onDone({
        message: answer.message ?? "The refund was made.",
        succeeded: answer.refundStatus === "succeeded",
      });
      return;
    }
    if (answer?.status === "error" || !result.ok) {
      setProblem({
        ...(result.ok || answer ? {} : { error: result.error }),
        ...(answer ? { message: answer.message ?? "The refund was not made: check the fields below." } : {}),
        fieldErrors: answer?.fieldErrors ?? {},
      });
      return;
    }
    setProblem({
      message: "The marketplace's answer was not what this app expects. Nothing was refunded.",
      fieldErrors: {},
    });
  }

  const fieldError = (name: (typeof FIELD_NAMES)[number]) =>
    problem?.fieldErrors[name]?.join(" ") || undefined;
  const otherErrors = Object.entries(problem?.fieldErrors ?? {})
    .filter(([name, messages]) => !(FIELD_NAMES as readonly string[]).includes(name) && messages?.length)
    .flatMap(([, messages]) => messages ?? []);

  return (
    <Box css={{ stack: "y", gapY: "small", padding: "small", keyline: "neutral", borderRadius: "small" }}>
      <Box css={{ font: "subheading" }}>{"Refund on the seller's behalf"}</Box>
      <Box css={{ color: "secondary" }}>
        The marketplace makes the refund and applies its refund policy. Preview it first: nothing is refunded
        until you confirm.
      </Box>
      {problem?.error ? (
        <ErrorBanner error={problem.error} backendUrl={backendUrl(context.environment)} />
      ) : null}
      {problem?.message ? (
        <Banner
          type="critical"
          title="The refund was not made"
          description={[problem.message, ...otherErrors].join(" ")}
        />
      ) : null}
      <TextField
        label={`Amount to refund (${refundable.currency.toUpperCase()})`}
        description={`Up to ${refundable.text}`}
        value={amount}
        error={fieldError("amount")}
        invalid={Boolean(fieldError("amount"))}
        disabled={pending !== null}
        onChange={(event) => editAmount(event.target.value)}
      />
      <Select
        label="Reason"
        value={reason}
        error={fieldError("reason")}
        invalid={Boolean(fieldError("reason"))}
        disabled={pending !== null}
        onChange={(event) => {
          if (isReason(event.target.value)) editReason(event.target.value);
        }}
      >
        {REFUND_REASONS.map((value) => (
          <option key={value} value={value}>
            {REASON_LABELS[value]}
          </option>
        ))}
      </Select>
      <Checkbox
        label="Return the platform fee to the seller"
        checked={returnFee}
        error={fieldError("refund_application_fee")}
        invalid={Boolean(fieldError("refund_application_fee"))}
        disabled={pending !== null}
        onChange={(event) => editReturnFee(event.target.checked)}
      />
      <TextArea
        label="Note (optional)"
        description="Kept with the refund on the marketplace's order page."
        value={note}
        rows={2}
        error={fieldError("note")}
        invalid={Boolean(fieldError("note"))}
        disabled={pending !== null}
        onChange={(event) => editNote(event.target.value)}
      />
      <Button
        type="secondary"
        pending={pending === "preview"}
        disabled={pending !== null}
        onPress={() => void send("preview")}
      >
        Preview refund
      </Button>
      {preview ? (
        <Box
          css={{
            stack: "y",
            gapY: "small",
            padding: "small",
            backgroundColor: "container",
            borderRadius: "small",
          }}
        >
          <Box css={{ font: "bodyEmphasized" }}>What this refund will do</Box>
          <Box css={{ whiteSpace: "pre-wrap" }}>{preview.text}</Box>
          <Button
            type="destructive"
            pending={pending === "confirm"}
            disabled={pending !== null}
            onPress={() => void send("confirm")}
          >
            Confirm refund
          </Button>
        </Box>
      ) : null}
    </Box>
  );
}
