import type { Metadata } from "next";
import Link from "next/link";
import { ProductActiveToggle } from "@/components/dashboard/product-active-toggle";
import { ProductForm } from "@/components/dashboard/product-form";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState } from "@/components/ui/card";
import { pageUser } from "@/lib/auth";
import { accountReadiness } from "@/lib/connect/account-status";
import { getSellerAccount } from "@/lib/connect/accounts";
import { formatMoney } from "@/lib/format";
import { defaultCurrencyFor, listSellerProducts } from "@/lib/products/seller-products";
import { createProductAction } from "./actions";

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

export default async function ProductsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await pageUser("seller", "/dashboard/products");
  const [products, account, sp] = await Promise.all([
    listSellerProducts(user),
    getSellerAccount(user),
    searchParams,
  ]);
  const canCharge = account ? accountReadiness(account) === "ready" : false;
  const statusOf = (active: boolean) =>
    !active ? "Inactive" : canCharge ? "In the shop" : "Hidden until you can accept payments";
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Products</h1>
        <p className="text-sm text-slate-600">What you sell in the shop. Prices are what the buyer pays.</p>
      </div>
      {sp.saved ? <Alert tone="success">Your changes were saved.</Alert> : null}
      {!canCharge ? (
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
          initial={{ name: "", description: "", price: "", currency: defaultCurrencyFor(user.country) }}
        />
      </Card>
      <Card title="Your products">
        {products.length === 0 ? (
          <EmptyState title="No products yet.">Add your first product above.</EmptyState>
        ) : (
          <>
            <ul className="divide-y divide-slate-100 sm:hidden" aria-label="Your products">
              {products.map((product) => (
                <li key={product.id} className="space-y-1 py-3 text-sm">
                  <div className="flex items-start justify-between gap-3">
                    <span className="font-medium break-words">{product.name}</span>
                    <span className="shrink-0 tabular-nums">
                      {formatMoney(product.price, product.currency)}
                    </span>
                  </div>
                  <p className="text-slate-600">{statusOf(product.active)}</p>
                  <div className="flex flex-wrap items-center gap-2">
                    <EditLink id={product.id} name={product.name} />
                    <ProductActiveToggle productId={product.id} active={product.active} name={product.name} />
                  </div>
                </li>
              ))}
            </ul>
            <div className="hidden overflow-x-auto sm:block">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Your products</caption>
                <thead className="text-slate-600">
                  <tr>
                    <th scope="col" className="py-2 pr-3 font-medium">
                      Name
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      Price
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Status
                    </th>
                    <th scope="col" className="py-2 pl-3 font-medium">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {products.map((product) => (
                    <tr key={product.id} className="border-t border-slate-100 align-middle">
                      <td className="py-2 pr-3 font-medium">{product.name}</td>
                      <td className="px-3 py-2 text-right tabular-nums">
                        {formatMoney(product.price, product.currency)}
                      </td>
                      <td className="px-3 py-2">{statusOf(product.active)}</td>
                      <td className="py-2 pl-3 text-right whitespace-nowrap">
                        <EditLink id={product.id} name={product.name} />
                        <ProductActiveToggle
                          productId={product.id}
                          active={product.active}
                          name={product.name}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Card>
    </div>
  );
}
