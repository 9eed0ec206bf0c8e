import { invalidRequest } from "../errors";
import type { ParamValue, Params } from "../form";

/* What the harness page may ask (src/harness/api.ts runs it): parsed strictly, nothing else accepted. */

export type HarnessRequest =
  | { action: "account"; onboarded: boolean; charge: boolean }
  | { action: "payment_intent"; account: string; amount: number; captureMethod?: "automatic" | "manual" }
  | { action: "account_session"; account: string; session: "all" | "limited" | "expired" };

const ACTIONS = ["account", "payment_intent", "account_session"] as const;
const SESSIONS = ["all", "limited", "expired"] as const;
const CAPTURE_METHODS = ["automatic", "manual"] as const;
const ALLOWED_FIELDS: Record<HarnessRequest["action"], string[]> = {
  account: ["action", "onboarded", "charge"],
  payment_intent: ["action", "account", "amount", "captureMethod"],
  account_session: ["action", "account", "session"],
};
const ACCOUNT_ID = /^acct_[A-Za-z0-9_]{1,64}$/;
const MIN_AMOUNT = 50;
const MAX_AMOUNT = 99_999_999;

function optionalBool(params: Params, key: string): boolean {
  const v = params[key];
  if (v === undefined) return false;
  if (typeof v !== "boolean") throw invalidRequest(`${key} must be a boolean (true or false).`, key);
  return v;
}

function accountParam(params: Params): string {
  const v: ParamValue | undefined = params.account;
  if (v === undefined)
    throw invalidRequest("Missing required param: account.", "account", "parameter_missing");
  if (typeof v !== "string" || !ACCOUNT_ID.test(v))
    throw invalidRequest("account must be a connected account id (acct_…).", "account");
  return v;
}

/** Validates a decoded JSON body strictly: the action, its fields and their types, nothing else. */
export function parseHarnessRequest(params: Params): HarnessRequest {
  const action = params.action;
  if (action === undefined)
    throw invalidRequest(
      `Missing required param: action (one of ${ACTIONS.join(", ")}).`,
      "action",
      "parameter_missing",
    );
  if (typeof action !== "string" || !(ACTIONS as readonly string[]).includes(action))
    throw invalidRequest(`action must be one of ${ACTIONS.join(", ")}.`, "action");
  const kind = action as HarnessRequest["action"];
  for (const key of Object.keys(params)) {
    if (!ALLOWED_FIELDS[kind].includes(key))
      throw invalidRequest(`Received unknown parameter for action ${kind}: ${key}`, key);
  }
  switch (kind) {
    case "account":
      return {
        action: kind,
        onboarded: optionalBool(params, "onboarded"),
        charge: optionalBool(params, "charge"),
      };
    case "payment_intent": {
      const account = accountParam(params);
      const amount = params.amount ?? 2500;
      if (
        typeof amount !== "number" ||
        !Number.isInteger(amount) ||
        amount < MIN_AMOUNT ||
        amount > MAX_AMOUNT
      )
        throw invalidRequest(
          `amount must be an integer number of cents between ${MIN_AMOUNT} and ${MAX_AMOUNT}.`,
          "amount",
        );
      const captureMethod = params.captureMethod;
      if (
        captureMethod !== undefined &&
        (typeof captureMethod !== "string" || !(CAPTURE_METHODS as readonly string[]).includes(captureMethod))
      )
        throw invalidRequest(`captureMethod must be one of ${CAPTURE_METHODS.join(", ")}.`, "captureMethod");
      return {
        action: kind,
        account,
        amount,
        captureMethod: captureMethod as "automatic" | "manual" | undefined,
      };
    }
    case "account_session": {
      const account = accountParam(params);
      const session = params.session ?? "all";
      if (typeof session !== "string" || !(SESSIONS as readonly string[]).includes(session))
        throw invalidRequest(`session must be one of ${SESSIONS.join(", ")}.`, "session");
      return { action: kind, account, session: session as (typeof SESSIONS)[number] };
    }
  }
}
