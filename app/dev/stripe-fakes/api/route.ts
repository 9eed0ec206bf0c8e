import { runStripeFakesRequest, stripeFakesEnabled, stripeFakesRequestSchema } from "@/lib/dev/stripe-fakes";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, methodNotAllowed, readJson, route } from "@/lib/http";

/**
 * Server-side helper for /dev/stripe-fakes (offline only; 404 otherwise). POST JSON:
 * - { action: "account", onboarded?: boolean, charge?: boolean } → { account }
 * - { action: "payment_intent", account, amount? } → { id, clientSecret } (a direct charge on `account`)
 * - { action: "account_session", account, session?: "all" | "limited" | "expired" } → { clientSecret }
 * Errors: { error: { code, message } }. The work is in lib/dev/stripe-fakes.ts.
 */
export const dynamic = "force-dynamic";

const notFound = () => new AppError("not_found:stripe_fakes", "Not found.");

export const POST = route("dev.stripe_fakes", async (req) => {
  if (!stripeFakesEnabled()) throw notFound();
  assertSameOrigin(req);
  const input = await readJson(req, stripeFakesRequestSchema);
  return Response.json(await runStripeFakesRequest(input), { headers: { "Cache-Control": "no-store" } });
});

const postOnly = methodNotAllowed(["POST"]);

export function GET(): Response {
  return stripeFakesEnabled() ? postOnly() : notFound().toResponse();
}
