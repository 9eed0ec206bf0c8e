import type { Metadata } from "next";
import Link from "next/link";
import { ProductActiveToggle } from "@/components/dashboard/product-active-toggle";
import { CAPTURE_LATER_HINT } from "@/components/capture/copy";
import { ProductForm } from "@/components/dashboard/product-form";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState } from "@/components/ui/card";
import { ResponsiveTable } from "@/components/ui/responsive-table";
import { pageUser } from "@/lib/auth";
import { getSellerAccount } from "@/lib/connect/accounts";
import { canCharge } from "@/lib/connect/can-charge";
import { formatMoney } from "@/lib/money";
import { defaultCurrencyFor, listSellerProducts } from "@/lib/products/seller-products";
import { createProductAction, setProductActiveAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Products" };

type Search = Record<string, string | string[] | undefined>;

function EditLink({ id, name }: { id: string; name: string }) {
  return (
    <Link
      prefetch={false}
      href={`/dashboard/products/${id}`}
      className="rounded px-3 py-2 text-brand-700 underline"
      aria-label={`Edit ${name}`}
    >
      Edit
    </Link>
  );
}

function ChargedWhenShippedBadge() {
  return (
    <span
      className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200"
      title={CAPTURE_LATER_HINT}
    >
      Charged when shipped
    </span>
  );
}

export default async function ProductsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await pageUser("seller", "/dashboard/products");
  const [products, account, sp] = await Promise.all([
    listSellerProducts(user),
    getSellerAccount(user),
    searchParams,
  ]);
  const inShop = canCharge(account);
  const statusOf = (active: boolean) =>
    !active ? "Inactive" : inShop ? "In the shop" : "Hidden until you can accept payments";
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Products</h1>
        <p className="text-sm text-slate-600">What you sell in the shop. Prices are what the buyer pays.</p>
      </div>
      {sp.saved ? <Alert tone="success">Your changes were saved.</Alert> : null}
      {!inShop ? (
        <Alert tone="warning">
          Your products are hidden from the shop until Stripe lets your account accept payments.{" "}
          <Link prefetch={false} href="/dashboard" className="font-medium underline">
            See what is missing
          </Link>
          .
        </Alert>
      ) : null}
      <Card title="Add a product">
        <ProductForm
          action={createProductAction}
          submitLabel="Create product"
          initial={{
            name: "",
            description: "",
            price: "",
            currency: defaultCurrencyFor(user.country),
            captureLater: false,
          }}
        />
      </Card>
      <Card title="Your products">
        {products.length === 0 ? (
          <EmptyState title="No products yet.">Add your first product above.</EmptyState>
        ) : (
          <ResponsiveTable
            rows={products}
            caption="Your products"
            rowKey={(p) => p.id}
            columns={[
              {
                header: "Name",
                cell: (p) => (
                  <span className="inline-flex flex-wrap items-center gap-2">
                    {p.name}
                    {p.captureLater ? <ChargedWhenShippedBadge /> : null}
                  </span>
                ),
                phone: "title",
                className: "font-medium",
              },
              {
                header: "Price",
                cell: (p) => formatMoney(p.price, p.currency),
                align: "right",
                phone: "aside",
              },
              { header: "Status", cell: (p) => statusOf(p.active), label: false },
              {
                header: "Actions",
                srOnlyHeader: true,
                align: "right",
                className: "whitespace-nowrap",
                cell: (p) => (
                  <span className="inline-flex flex-wrap items-center gap-2">
                    <EditLink id={p.id} name={p.name} />
                    <ProductActiveToggle
                      productId={p.id}
                      active={p.active}
                      name={p.name}
                      setActiveAction={setProductActiveAction}
                    />
                  </span>
                ),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
