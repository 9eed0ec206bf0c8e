import { readBodyText, route } from "@/lib/http";
import { MAX_WEBHOOK_BYTES } from "@/lib/webhooks/ingest";
import { verifyWebhook } from "@/lib/webhooks/verify";

export const dynamic = "force-dynamic";

/*
 * Benchmark baseline (`npm run bench`): the webhook route minus the database — read the raw body,
 * verify the signature with the same code and secrets, answer 200. The `.bench.ts` extension is a page
 * extension only when NEXT_BENCH=1 at build time (next.config.ts), so no other build has this route.
 */
export const POST = route("bench.webhook_baseline", async (req) => {
  const raw = await readBodyText(req, MAX_WEBHOOK_BYTES);
  verifyWebhook(raw, req.headers.get("stripe-signature"));
  return Response.json({ received: true });
});
