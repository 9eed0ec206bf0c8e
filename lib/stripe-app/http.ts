import { route } from "@/lib/http";

/*
 * The Stripe App's views run in the Stripe Dashboard, another origin: their requests are cross-origin,
 * with a preflight (JSON body, Stripe-Signature header). They carry no cookie of ours — each request is
 * authorised by its signature alone (lib/stripe-app/verify.ts) — so any origin may send one.
 */
const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type, Stripe-Signature",
  "Access-Control-Max-Age": "600",
} as const;

function withCors(response: Response): Response {
  for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
  response.headers.set("Cache-Control", "no-store");
  return response;
}

/** A route of /api/stripe-app: errors become JSON answers, and every answer (errors too) carries CORS. */
export function appRoute(name: string, handler: (req: Request) => Promise<Response>) {
  const wrapped = route(name, handler);
  return async (req: Request): Promise<Response> => withCors(await wrapped(req, undefined));
}

/** The browser's preflight before each request. */
export function preflight(): Response {
  return withCors(new Response(null, { status: 204 }));
}

/** Anything but POST and OPTIONS. */
export function appMethodNotAllowed(): Response {
  return withCors(
    Response.json(
      { error: { code: "method_not_allowed:route", message: "Use POST." } },
      { status: 405, headers: { Allow: "POST, OPTIONS" } },
    ),
  );
}
