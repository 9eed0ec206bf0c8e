import type { Failure, StripeSurface } from "./stripe-errors";

/*
 * The sentences users read when a Stripe call fails, per surface (lib/stripe-errors.ts picks one). Stripe's
 * own messages name parameters, account ids and test-mode tips: they go to the server log, never here.
 */

/** The AppError kind (and, rarely, its own surface name) with the sentence the user reads. */
interface Words {
  kind: "stripe" | "conflict" | "unprocessable";
  message: string;
  as?: string;
}

interface SurfaceWords {
  /** Stripe error codes with their own sentence on this surface; checked before the failure kinds. */
  codes?: Record<string, Words>;
  failures?: Partial<Record<Failure, Words>>;
  otherwise: Words;
}

/** Stripe failed us (502); a conflict (409) is a refusal about the state of the thing itself. */
const upstream = (message: string): Words => ({ kind: "stripe", message });
const conflict = (message: string): Words => ({ kind: "conflict", message });

const CONNECT_NO_ACCESS = upstream(
  "The platform can no longer access this Stripe account. Reconnect it from your dashboard.",
);
const CONNECT: SurfaceWords = {
  codes: { account_invalid: CONNECT_NO_ACCESS },
  failures: {
    unreachable: upstream(
      "We could not reach Stripe just now. Nothing was changed; please try again in a moment.",
    ),
    busy: upstream("Stripe is busy right now. Please try again in a moment."),
    key_reused: conflict(
      "Your details changed while we were setting up your Stripe account. Please reload the page and try again.",
    ),
    no_access: CONNECT_NO_ACCESS,
    bad_platform_key: upstream("The platform's Stripe configuration is not valid. Please contact support."),
  },
  otherwise: upstream(
    "Stripe could not complete this request. Nothing was changed; please try again or contact support.",
  ),
};

/*
 * A refund Stripe definitely refused is a conflict with the payment's state; one it may have made is a
 * Stripe failure. No `balance_insufficient`: at our API version Stripe does not refuse a refund the
 * seller's balance cannot cover, it makes it pending and sends it later (refunds/refund-note.ts).
 */
const REFUND: SurfaceWords = {
  codes: {
    charge_already_refunded: conflict("Stripe says this payment has already been refunded in full."),
    amount_too_large: conflict(
      "Stripe says this refund is more than what is left on the payment (it may have been refunded outside the app).",
    ),
    charge_disputed: conflict("This payment has been disputed, so it can no longer be refunded."),
    charge_not_refundable: conflict("Stripe says this payment cannot be refunded."),
    account_invalid: conflict(
      "The seller's Stripe account is no longer connected to the platform, so it cannot be refunded from here.",
    ),
  },
  failures: {
    unreachable: upstream(
      "Stripe could not be reached, so the refund was not made. Please try again in a moment.",
    ),
    busy: conflict("Stripe is busy right now, so the refund was not made. Please try again in a moment."),
    no_access: conflict("The platform is not allowed to refund on this seller's account."),
    refused: conflict("Stripe refused this refund. See the server log for details."),
  },
  otherwise: upstream("The refund could not be sent to Stripe. Please try again."),
};

/* Answering a dispute: Stripe refuses evidence once the dispute is under review, closed or past its deadline. */
const DISPUTE: SurfaceWords = {
  failures: {
    unreachable: upstream(
      "Stripe could not be reached, so the answer may not have been saved. Please try again.",
    ),
    busy: conflict("Stripe is busy right now, so nothing was saved. Please try again in a moment."),
    key_reused: conflict(
      "This answer was sent a moment ago with other values. Reload the page and try again.",
    ),
    no_access: conflict("The platform is not allowed to answer disputes on this seller's account."),
    refused: conflict(
      "Stripe refused this answer: the dispute may be closed, under review or past its deadline. Reload the page to see its state.",
    ),
  },
  otherwise: upstream("The answer could not be sent to Stripe. Please try again."),
};

/* Capturing or releasing an authorisation ("charge when I ship", lib/capture/settle.ts). */
const CAPTURE: SurfaceWords = {
  codes: {
    charge_expired_for_capture: conflict(
      "The authorisation expired before it was captured, so the buyer was not charged and the order is canceled.",
    ),
    amount_too_large: conflict("Stripe says this is more than the buyer authorised."),
    payment_intent_unexpected_state: conflict(
      "This payment was already captured or released at Stripe. Reload the page to see its state.",
    ),
  },
  failures: {
    unreachable: upstream("Stripe could not be reached. Nothing is lost: try again in a moment."),
    busy: conflict("Stripe is busy right now, so nothing was done. Please try again in a moment."),
    no_access: conflict("The platform can no longer act on this seller's Stripe account."),
  },
  otherwise: upstream("Stripe could not complete this just now. Please try again."),
};

/* A buyer's saved cards (lib/wallet): adding, removing, choosing the default, cloning one for a seller. */
const WALLET: SurfaceWords = {
  codes: {
    resource_missing: conflict("This card is no longer saved on your account. Reload the page."),
  },
  failures: {
    unreachable: upstream(
      "We could not reach Stripe just now. Nothing was changed; please try again in a moment.",
    ),
    busy: conflict("Stripe is busy right now, so nothing was changed. Please try again in a moment."),
  },
  otherwise: upstream("Stripe could not update your saved cards just now. Please try again."),
};

export const WORDS: Record<StripeSurface, SurfaceWords> = {
  wallet: WALLET,
  dispute: DISPUTE,
  capture: CAPTURE,
  dispute_file: {
    failures: {
      refused: conflict("Stripe refused this file. Use a PDF, JPEG or PNG of at most 5 MB."),
      busy: conflict("Stripe is busy right now, so the file was not uploaded. Please try again in a moment."),
    },
    otherwise: upstream("The file could not be uploaded to Stripe. Please try again."),
  },
  checkout: {
    codes: {
      amount_too_small: {
        kind: "unprocessable",
        as: "checkout_amount",
        message: "This order is below the minimum amount we can charge. Please raise the quantity.",
      },
    },
    otherwise: upstream("We could not start the payment with our payment provider. Please try again."),
  },
  refund: REFUND,
  connect_account: CONNECT,
  account_status: CONNECT,
  account_link: CONNECT,
  login_link: CONNECT,
  account_session: CONNECT,
  oauth_disconnect: {
    otherwise: upstream(
      "Stripe could not disconnect your account just now. Nothing was changed; please try again.",
    ),
  },
};

/** A Stripe call's failure as the user reads it; `cause` keeps Stripe's error for retry decisions. */
