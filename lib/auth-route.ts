import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";

/*
 * Auth.js answers a callbackUrl it cannot parse as an http(s) URL — in the query or in its callback-url
 * cookie, both set by whoever sends the request — with a 500 "server configuration" error. It is the
 * client's mistake, so the auth route refuses it first with a 400, using Auth.js's own test.
 */
const CALLBACK_COOKIES = ["authjs.callback-url", "__Secure-authjs.callback-url"];

export function isValidCallbackUrl(value: string, origin: string): boolean {
  try {
    return /^https?:/.test(new URL(value, value.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

type AuthHandler = (req: NextRequest) => Promise<Response>;

export function refuseBadCallbackUrl(handler: AuthHandler): AuthHandler {
  return async (req) => {
    const url = new URL(req.url);
    const candidates = [
      url.searchParams.get("callbackUrl"),
      ...CALLBACK_COOKIES.map((name) => req.cookies.get(name)?.value),
    ];
    if (candidates.some((value) => value && !isValidCallbackUrl(value, url.origin))) {
      return new AppError(
        "bad_request:callback_url",
        "The callback URL is not a valid address.",
      ).toResponse();
    }
    return handler(req);
  };
}
