import { z } from "zod";
import { routeUser } from "@/lib/auth";
import { ensureExpressAccount, publicAccount } from "@/lib/connect/accounts";
import { assertSameOrigin, methodNotAllowed, readJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

// Email, country and business profile come from the session user's sign-up, never from the body:
// a body naming anything (an account, another user) is refused.
const bodySchema = z.strictObject({});

/** Creates the seller's Express account, or returns the one they have (201 created / 200 existing). */
export const POST = route("connect.accounts", async (req) => {
  assertSameOrigin(req);
  await readJson(req, bodySchema);
  const seller = await routeUser(req, "seller", "connect_account");
  const { account, created } = await ensureExpressAccount(seller);
  return Response.json({ account: publicAccount(account) }, { status: created ? 201 : 200 });
});

export const GET = methodNotAllowed(["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
