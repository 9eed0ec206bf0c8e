import { z } from "zod";
import { routeUser } from "@/lib/auth";
import { createAccountSessionForSeller } from "@/lib/connect/account-session";
import { assertSameOrigin, methodNotAllowed, readJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

// The account is always the session user's own; a body naming one (`{ account }`) is refused.
const bodySchema = z.strictObject({});

/** The client secret of a fresh Account Session for the embedded components (fetchClientSecret). */
export const POST = route("connect.account_session", async (req) => {
  assertSameOrigin(req);
  await readJson(req, bodySchema);
  const seller = await routeUser(req, "seller", "account_session");
  const clientSecret = await createAccountSessionForSeller(seller);
  return Response.json({ clientSecret }, { headers: { "Cache-Control": "no-store" } });
});

export const GET = methodNotAllowed(["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
