import { Alert } from "@/components/ui/alert";
import type { OrderNotice } from "@/lib/payments/order-notices";
import { CopyLinkButton } from "./copy-link-button";

/** Refund, dispute and "keep this link" notices under the order's status (see lib/payments/order-notices.ts). */
export function OrderNotices({ notices }: { notices: readonly OrderNotice[] }) {
  if (notices.length === 0) return null;
  return (
    <div className="space-y-3">
      {notices.map((notice) => (
        <div key={notice.kind} data-testid={`order-notice-${notice.kind}`}>
          <Alert tone={notice.tone}>
            <p className="font-semibold">{notice.title}</p>
            <p className="mt-1">{notice.body}</p>
            {notice.kind === "keep_link" ? <CopyLinkButton /> : null}
          </Alert>
        </div>
      ))}
    </div>
  );
}
