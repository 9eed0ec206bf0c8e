/**
 * Handler types for the non-REST surfaces (control API, hosted HTML pages, browser endpoints) and small
 * response helpers. These take no API key: the control API is for tests and people debugging on loopback,
 * the browser endpoints authenticate with client secrets like Stripe.js does.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Emulator } from "./emulator";
import type { Params } from "./form";

export interface HttpContext {
  em: Emulator;
  method: string;
  url: URL;
  path: string;
  /** Query parameters merged with the decoded body (form or JSON). */
  params: Params;
  pathParams: Record<string, string>;
  headers: IncomingHttpHeaders;
  requestId: string;
}

export type HttpResult =
  | { kind: "json"; status: number; body: unknown }
  | { kind: "html"; status: number; body: string }
  | { kind: "redirect"; status: 302 | 303; location: string }
  | { kind: "asset"; contentType: string; body: string };

export type HttpHandler = (ctx: HttpContext) => HttpResult | Promise<HttpResult>;

export const json = (body: unknown, status = 200): HttpResult => ({ kind: "json", status, body });
export const html = (body: string, status = 200): HttpResult => ({ kind: "html", status, body });
export const redirect = (location: string, status: 302 | 303 = 303): HttpResult => ({
  kind: "redirect",
  status,
  location,
});

export function header(ctx: HttpContext, name: string): string | undefined {
  const v = ctx.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** A string parameter from a loosely-typed control/browser body (JSON numbers are accepted too). */
export function str(params: Params, key: string): string | undefined {
  const v = params[key];
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}
