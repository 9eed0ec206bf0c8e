import { z } from "zod";
import { paymentContext } from "@/lib/stripe-app/context";
import { appMethodNotAllowed, appRoute, preflight } from "@/lib/stripe-app/http";
import { parseAppFields, verifyAppRequest } from "@/lib/stripe-app/verify";

export const dynamic = "force-dynamic";

const fieldsSchema = z.strictObject({
  payment_id: z.string().regex(/^(pi|ch|py)_[A-Za-z0-9_]{1,250}$/, "must be a PaymentIntent or charge id"),
});

/** The payment detail view: the marketplace orders this payment paid, with their money, refunds and disputes. */
export const POST = appRoute("stripe_app.payment", async (req) => {
  const request = await verifyAppRequest(req);
  const { payment_id } = parseAppFields(fieldsSchema, request.fields);
  return Response.json(await paymentContext(request.admin, payment_id));
});

export const OPTIONS = preflight;
export const GET = appMethodNotAllowed;
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
