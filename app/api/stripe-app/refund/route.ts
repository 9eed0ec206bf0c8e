import { appMethodNotAllowed, appRoute, preflight } from "@/lib/stripe-app/http";
import { refundFromApp } from "@/lib/stripe-app/refund";
import { verifyAppRequest } from "@/lib/stripe-app/verify";
import { clientIp } from "@/lib/security/throttle";

export const dynamic = "force-dynamic";

/** "Refund on behalf of the seller" from the payment view: preview, then confirm (the admin form's rules). */
export const POST = appRoute("stripe_app.refund", async (req) => {
  const request = await verifyAppRequest(req);
  const result = await refundFromApp(request, clientIp(req.headers));
  return Response.json(result.answer, { status: result.ok ? 200 : result.status });
});

export const OPTIONS = preflight;
export const GET = appMethodNotAllowed;
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
