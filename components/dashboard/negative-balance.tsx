import Link from "next/link";
import type { NegativeBalance } from "@/lib/connect/balance-explanation";
import { formatMoney } from "@/lib/money";

/** Why the available balance is below zero: each dispute or refund that took money, linked to its order. */
export function NegativeBalanceNotice({ balances }: { balances: NegativeBalance[] }) {
  if (balances.length === 0) return null;
  return (
    <div className="space-y-4" data-testid="negative-balance">
      {balances.map((b) => (
        <section
          key={b.currency}
          role="alert"
          className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900"
        >
          <p className="font-semibold">Your available balance is {formatMoney(b.available, b.currency)}.</p>
          <p>
            Stripe took this money back from your balance; it is recovered from your next sales before
            anything is paid out.
          </p>
          {b.debits.length > 0 ? (
            <ul className="list-disc space-y-1 pl-5">
              {b.debits.map((d, i) => (
                <li key={d.stripeId ?? `${d.kind}-${d.orderId}-${i}`}>
                  {d.kind === "dispute" ? "Dispute" : "Refund"} on{" "}
                  {d.orderId ? (
                    <Link
                      prefetch={false}
                      href={`/dashboard/orders/${d.orderId}`}
                      className="font-medium underline"
                    >
                      {d.productName ?? "your order"}
                    </Link>
                  ) : (
                    <span className="font-mono text-xs">{d.stripeId}</span>
                  )}
                  : −{formatMoney(d.amount, b.currency)}
                  {d.fee > 0
                    ? ` (${formatMoney(d.amount - d.fee, b.currency)} disputed + ${formatMoney(d.fee, b.currency)} Stripe dispute fee)`
                    : null}
                  {d.kind === "dispute" ? ` · ${d.status}` : null}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
    </div>
  );
}
