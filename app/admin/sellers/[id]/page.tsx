import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/admin/badge";
import { RequirementsDue, SellerAccountStatus, SellerVolume } from "@/components/admin/seller-status";
import { Card, EmptyState } from "@/components/ui/card";
import { ResponsiveTable } from "@/components/ui/responsive-table";
import { getSellerForAdmin } from "@/lib/admin/console";
import { pageUser } from "@/lib/auth";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Seller" };

/** One seller: their Stripe account, what Stripe still needs, their volume and their products. */
export default async function AdminSellerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await pageUser("admin", `/admin/sellers/${id}`);
  const seller = await getSellerForAdmin(admin, id);
  if (!seller) notFound();
  const a = seller.account;
  const paid = seller.volume.reduce((n, v) => n + v.orders, 0);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href="/admin/sellers" className="text-brand-700 underline">
            Sellers
          </Link>
        </p>
        <h1 className="text-2xl font-bold break-words">{seller.businessName ?? seller.name}</h1>
        <p className="text-sm break-all text-slate-600">
          {seller.email} · seller since {formatDate(seller.createdAt)}
        </p>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="Stripe account">
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-slate-600">Account</dt>
              <dd className="font-mono text-xs break-all">
                {a ? `${a.stripeAccountId} (${a.type})` : "none yet"}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Status</dt>
              <dd data-testid="seller-account-status">
                <SellerAccountStatus seller={seller} />
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Requirements due</dt>
              <dd data-testid="seller-requirements">
                <RequirementsDue seller={seller} />
              </dd>
            </div>
          </dl>
        </Card>
        <Card title="Sales">
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-slate-600">Paid volume (gross, before fees)</dt>
              <dd className="tabular-nums">
                <SellerVolume seller={seller} />
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Orders</dt>
              <dd>
                <Link href={`/admin/orders?seller=${seller.id}`} className="text-brand-700 underline">
                  {paid} paid {paid === 1 ? "order" : "orders"}: see all orders
                </Link>
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Shop</dt>
              <dd>
                <Link href={`/sellers/${seller.id}`} className="text-brand-700 underline">
                  The seller&apos;s public shop
                </Link>
              </dd>
            </div>
          </dl>
        </Card>
      </div>
      <section aria-labelledby="products-heading" className="space-y-3">
        <h2 id="products-heading" className="text-lg font-semibold">
          Products
        </h2>
        {seller.products.length === 0 ? (
          <EmptyState title="No products yet." />
        ) : (
          <ResponsiveTable
            caption="The seller's products"
            rows={seller.products}
            rowKey={(p) => p.id}
            rowTestId="seller-product"
            variant="boxed"
            columns={[
              {
                header: "Product",
                cell: (p) => (
                  <Link href={`/products/${p.id}`} className="text-brand-700 underline">
                    {p.name}
                  </Link>
                ),
                phone: "title",
                rowHeader: true,
              },
              {
                header: "Price",
                cell: (p) => formatMoney(p.price, p.currency),
                phone: "aside",
                align: "right",
              },
              {
                header: "In the shop",
                cell: (p) => (
                  <Badge tone={p.active ? "green" : "slate"}>{p.active ? "listed" : "unlisted"}</Badge>
                ),
              },
            ]}
          />
        )}
      </section>
    </div>
  );
}
