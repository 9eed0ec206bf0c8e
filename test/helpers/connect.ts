import type Stripe from "stripe";
import { getAccountByUserId } from "@/db/queries/connected-accounts";
import type { ConnectedAccount, User } from "@/db/schema";
import { ensureExpressAccount, refreshAccountStatus } from "@/lib/connect/accounts";
import { control, testStripe } from "./emulator";
import { requestAs } from "./session";

type Handler = (req: Request, ctx: unknown) => Promise<Response>;
type Caller = Pick<User, "id" | "role" | "email" | "name"> | null;

/** Calls a route handler as `user` and reads its JSON (or null for a body-less redirect). */
export async function call(
  handler: Handler,
  user: Caller,
  url: string,
  init: RequestInit & { json?: unknown; cookie?: string } = {},
): Promise<{
  status: number;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
  headers: Headers;
}> {
  const { cookie, ...rest } = init;
  let req = await requestAs(user, url, rest);
  if (cookie) {
    // requestAs owns the Cookie header (the session); extra cookies are appended to it.
    const headers = new Headers(req.headers);
    headers.set("cookie", [req.headers.get("cookie"), cookie].filter(Boolean).join("; "));
    req = new Request(req.url, {
      method: req.method,
      headers,
      body: rest.body ?? (rest.json === undefined ? undefined : JSON.stringify(rest.json)),
    });
  }
  const res = await handler(req, { params: Promise.resolve({}) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as never) : {}, headers: res.headers };
}

/** Every account in the emulator that the app created for this user (the metadata the app sets). */
export async function emulatorAccountsFor(userId: string): Promise<Stripe.Account[]> {
  const found: Stripe.Account[] = [];
  for await (const account of testStripe().accounts.list({ limit: 100 })) {
    if (account.metadata?.platform_user_id === userId) found.push(account);
  }
  return found;
}

/** A seller with an Express account made by the app's own code, optionally onboarded in the emulator. */
export async function sellerWithExpressAccount(
  seller: User,
  options: { onboarded?: boolean } = {},
): Promise<ConnectedAccount> {
  const { account } = await ensureExpressAccount(seller);
  if (!options.onboarded) return account;
  await control(`/accounts/${account.stripeAccountId}/onboard`, {});
  return refreshAccountStatus(account);
}

export async function rowFor(user: User): Promise<ConnectedAccount | undefined> {
  return getAccountByUserId({ userId: user.id });
}
