import { z } from "zod";
import { accountContext } from "@/lib/stripe-app/context";
import { appMethodNotAllowed, appRoute, preflight } from "@/lib/stripe-app/http";
import { parseAppFields, verifyAppRequest } from "@/lib/stripe-app/verify";

export const dynamic = "force-dynamic";

const fieldsSchema = z.strictObject({
  connected_account_id: z.string().regex(/^acct_[A-Za-z0-9]{1,250}$/, "must be a connected account id"),
});

/** The connected account view: the seller's shop, products, volume and what Stripe still needs. */
export const POST = appRoute("stripe_app.account", async (req) => {
  const request = await verifyAppRequest(req);
  const { connected_account_id } = parseAppFields(fieldsSchema, request.fields);
  return Response.json(await accountContext(request.admin, connected_account_id));
});

export const OPTIONS = preflight;
export const GET = appMethodNotAllowed;
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
