import { Badge } from "@/components/admin/badge";
import type { AdminSellerListItem } from "@/lib/admin/console";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";

/* A seller's Stripe account, as the sellers list and the seller page show it. */

export function SellerAccountStatus({ seller }: { seller: AdminSellerListItem }) {
  const a = seller.account;
  if (!a) return <Badge tone="slate">not connected</Badge>;
  if (seller.disconnected && a.disconnectedAt)
    return <Badge tone="red">disconnected {formatDate(a.disconnectedAt)}</Badge>;
  return (
    <ul className="space-y-1">
      <li>
        <Badge tone={a.chargesEnabled ? "green" : "amber"}>
          charges {a.chargesEnabled ? "enabled" : "disabled"}
        </Badge>
      </li>
      <li>
        <Badge tone={a.payoutsEnabled ? "green" : "amber"}>
          payouts {a.payoutsEnabled ? "enabled" : "disabled"}
        </Badge>
      </li>
      {a.disabledReason ? <li className="text-xs text-red-700">{a.disabledReason}</li> : null}
    </ul>
  );
}

/** What Stripe still needs from the seller, past due first and flagged. */
export function RequirementsDue({ seller }: { seller: AdminSellerListItem }) {
  if (seller.requirementsDue.length === 0) return <span className="text-slate-500">none</span>;
  return (
    <ul className="list-disc pl-4 text-xs">
      {seller.requirementsDue.map((r) =>
        r.pastDue ? (
          <li key={`past-${r.field}`} className="text-red-700">
            {r.field} (past due)
          </li>
        ) : (
          <li key={`now-${r.field}`}>{r.field}</li>
        ),
      )}
    </ul>
  );
}

/** Paid volume per currency, with what was refunded. */
export function SellerVolume({ seller }: { seller: AdminSellerListItem }) {
  if (seller.volume.length === 0) return <>{formatMoney(0, "usd")}</>;
  return (
    <>
      {seller.volume.map((v) => (
        <span key={v.currency} className="block">
          {formatMoney(v.gross, v.currency)}
          {v.refunded > 0 ? (
            <span className="block text-xs text-slate-500">
              −{formatMoney(v.refunded, v.currency)} refunded
            </span>
          ) : null}
        </span>
      ))}
    </>
  );
}
