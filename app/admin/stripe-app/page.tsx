import type { Metadata } from "next";
import { LinkDashboardUserForm, UnlinkButton } from "@/components/admin/stripe-app/link-form";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState } from "@/components/ui/card";
import { ResponsiveTable } from "@/components/ui/responsive-table";
import { pageUser } from "@/lib/auth";
import { formatDate } from "@/lib/format";
import { stripeAppSetup } from "@/lib/stripe-app/admin";
import { linkDashboardUserAction, unlinkDashboardUserAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Stripe App" };

/** The Stripe App (stripe-app/): whether its backend is set up, and which Dashboard users act as which admin. */
export default async function AdminStripeAppPage() {
  const admin = await pageUser("admin", "/admin/stripe-app");
  const setup = await stripeAppSetup(admin);
  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Stripe App</h1>
        <p className="text-sm text-slate-600">
          The marketplace&apos;s app in the Stripe Dashboard shows a payment&apos;s order and a connected
          account&apos;s seller, and refunds on behalf of a seller with the same rules as this console.
        </p>
      </div>
      <Card title="Backend">
        <dl className="grid gap-2 text-sm sm:grid-cols-[max-content_1fr] sm:gap-x-6">
          <dt className="font-medium text-slate-700">Signing secret</dt>
          <dd data-testid="stripe-app-secret">
            {setup.configured
              ? setup.offlineSecret
                ? "The public offline default (development only)"
                : "Set (STRIPE_APP_SIGNING_SECRET)"
              : "Not set: the app's requests are refused until STRIPE_APP_SIGNING_SECRET is set"}
          </dd>
          <dt className="font-medium text-slate-700">Mode served</dt>
          <dd>{setup.mode} (requests from the Dashboard in the other mode are refused)</dd>
          <dt className="font-medium text-slate-700">BACKEND_URL for stripe-app.json</dt>
          <dd className="break-all font-mono text-xs">{setup.backendUrl}</dd>
          <dt className="font-medium text-slate-700">connect-src for stripe-app.json</dt>
          <dd className="break-all font-mono text-xs">{setup.apiPrefix}</dd>
        </dl>
      </Card>
      <section aria-labelledby="links-heading" className="space-y-3">
        <h2 id="links-heading" className="text-lg font-semibold">
          Dashboard users
        </h2>
        <p className="text-sm text-slate-600">
          Only a linked Dashboard user whose marketplace account is still an admin can use the app.
        </p>
        {setup.links.length === 0 ? (
          <EmptyState title="No Dashboard user is linked yet." />
        ) : (
          <ResponsiveTable
            caption="Linked Dashboard users"
            rows={setup.links}
            rowKey={(l) => l.dashboardUserId}
            rowTestId="stripe-app-link"
            variant="boxed"
            columns={[
              {
                header: "Dashboard user",
                cell: (l) => <span className="font-mono text-xs">{l.dashboardUserId}</span>,
                phone: "title",
                rowHeader: true,
              },
              {
                header: "Acts as",
                cell: (l) => `${l.email}${l.role === "admin" ? "" : ` (now ${l.role}: refused)`}`,
              },
              { header: "Linked", cell: (l) => formatDate(l.createdAt) },
              {
                header: "Actions",
                srOnlyHeader: true,
                cell: (l) => (
                  <UnlinkButton
                    dashboardUserId={l.dashboardUserId}
                    unlinkAction={unlinkDashboardUserAction}
                  />
                ),
              },
            ]}
          />
        )}
      </section>
      <Card title="Link your Dashboard user">
        {setup.configured ? null : (
          <div className="mb-3">
            <Alert tone="warning">
              Links are kept, but no request is accepted until the signing secret is set.
            </Alert>
          </div>
        )}
        <LinkDashboardUserForm linkAction={linkDashboardUserAction} />
      </Card>
    </div>
  );
}
