import { methodNotAllowed, readBodyText, route } from "@/lib/http";
import { MAX_WEBHOOK_BYTES, receiveWebhook } from "@/lib/webhooks/ingest";

export const dynamic = "force-dynamic";

/**
 * Stripe's platform and Connect endpoints both point here. The signature covers the exact bytes, so
 * the body is read raw (never parsed and re-serialised) before verification.
 */
export const POST = route("webhooks/stripe", async (req) => {
  const raw = await readBodyText(req, MAX_WEBHOOK_BYTES);
  return receiveWebhook(raw, req.headers.get("stripe-signature"));
});

const notAllowed = methodNotAllowed(["POST"]);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
// Without this export Next answers OPTIONS itself with a 204 and an Allow header listing every method.
export const OPTIONS = notAllowed;
