import "server-only";
import { AppError } from "@/lib/errors";
import { ingestEvent } from "./ingest";
import { verifyWebhook } from "./verify";

/** Stripe's events are far smaller; anything bigger is not from Stripe and is refused unread (413). */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * The webhook route's work, after it read the raw body: verify, apply once, answer. 2xx tells Stripe to
 * stop; a 500 makes it retry with backoff, which is what we want when applying failed.
 */
export async function receiveWebhook(raw: string, signature: string | null): Promise<Response> {
  const event = verifyWebhook(raw, signature);
  const result = await ingestEvent(event);
  if (result.status === "failed") {
    return new AppError(
      "internal:webhook_apply",
      "The event could not be applied; it will be retried.",
    ).toResponse();
  }
  return Response.json({ received: true, status: result.status });
}
