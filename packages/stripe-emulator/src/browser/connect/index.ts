/*
 * Entry of the fake Connect.js served at /js/connect.js (bundled by ../serve.ts with esbuild into one
 * classic script): defines the <stripe-connect-*> custom elements and window.StripeConnect.
 * See ../README.md for what @stripe/connect-js checks.
 */
"use strict"; // Emitted at the top of the served script, which ran in strict mode before the move to modules.

import { findApiOrigin } from "../common";
import { accountManagement, documents } from "./account";
import { notificationBanner } from "./banner";
import { createInit } from "./connect";
import { defineConnectElements } from "./element";
import { accountOnboarding } from "./onboarding";
import { payments } from "./payments";
import { balances, payouts, payoutsList } from "./payouts";
import { CONNECT_TAGS } from "./setters";
import type { ConnectElementTagName } from "@stripe/connect-js/pure";
import type { Renderer } from "./types";

/** The components with a working UI; the other tags render a "not implemented" error state. */
const RENDERERS = {
  "account-onboarding": accountOnboarding,
  "notification-banner": notificationBanner,
  payouts,
  balances,
  "payouts-list": payoutsList,
  payments,
  "account-management": accountManagement,
  documents,
} satisfies Partial<Record<ConnectElementTagName, Renderer>>;

/** The existing window.StripeConnect when it is a plain object (connect-js may have created it). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === "[object Object]";
}

if (typeof window !== "undefined") {
  // Read while this script runs: document.currentScript is only set then.
  const apiOrigin = findApiOrigin("/js/connect.js");
  defineConnectElements(RENDERERS);
  const target = window as Window & { StripeConnect?: unknown };
  const existing = isPlainObject(target.StripeConnect) ? target.StripeConnect : {};
  target.StripeConnect = Object.assign(existing, {
    init: createInit(apiOrigin),
    emulator: { apiOrigin, tags: CONNECT_TAGS.slice() },
  });
}
