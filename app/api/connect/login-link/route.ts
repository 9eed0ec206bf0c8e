import { z } from "zod";
import { routeUser } from "@/lib/auth";
import { createLoginLinkForSeller } from "@/lib/connect/login-links";
import { assertSameOrigin, methodNotAllowed, readJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

const bodySchema = z.strictObject({});

/** A one-time Express dashboard link for the session user's own account; the page opens it at once. */
export const POST = route("connect.login_link", async (req) => {
  assertSameOrigin(req);
  await readJson(req, bodySchema);
  const seller = await routeUser(req, "seller", "login_link");
  const url = await createLoginLinkForSeller(seller);
  return Response.json({ url }, { headers: { "Cache-Control": "no-store" } });
});

export const GET = methodNotAllowed(["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
