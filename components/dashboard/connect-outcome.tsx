import { Alert } from "@/components/ui/alert";
import type { OAuthOutcome } from "@/lib/connect/oauth";

const MESSAGES: Record<OAuthOutcome, { tone: "success" | "error" | "warning"; text: string }> = {
  connected: { tone: "success", text: "Your Stripe account is connected to the platform." },
  denied: { tone: "warning", text: "You cancelled connecting your Stripe account. Nothing was changed." },
  bad_state: {
    tone: "error",
    text: "We could not verify this connection request (it expired, or was started in another browser or session). Nothing was saved — please start again.",
  },
  failed: {
    tone: "error",
    text: "Stripe could not complete the connection. Nothing was saved — please try again.",
  },
  already_connected: {
    tone: "warning",
    text: "You already have a Stripe account on this platform, so nothing was changed.",
  },
  taken: {
    tone: "error",
    text: "That Stripe account is already connected to another seller on this platform. Nothing was saved.",
  },
};

/** The result of "Connect an existing Stripe account", carried back in ?connect= by the callback route. */
export function ConnectOutcomeMessage({ outcome }: { outcome: OAuthOutcome }) {
  const message = MESSAGES[outcome];
  return <Alert tone={message.tone}>{message.text}</Alert>;
}
