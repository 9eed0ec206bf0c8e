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

export default async function ProductsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await pageUser("seller", "/dashboard/products");
  const [products, account, sp] = await Promise.all([
    listSellerProducts(user),
    getSellerAccount(user),
    searchParams,
  ]);
  const canCharge = account ? accountReadiness(account) === "ready" : false;
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
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Your products</caption>
              <thead className="text-slate-600">
                <tr>
                  <th scope="col" className="py-2 font-medium">
                    Name
                  </th>
                  <th scope="col" className="py-2 text-right font-medium">
                    Price
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    Status
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {products.map((product) => (
                  <tr key={product.id} className="border-t border-slate-100 align-middle">
                    <td className="py-2 font-medium">{product.name}</td>
                    <td className="py-2 text-right tabular-nums">
                      {formatMoney(product.price, product.currency)}
                    </td>
                    <td className="py-2">
                      {!product.active
                        ? "Inactive"
                        : canCharge
                          ? "In the shop"
                          : "Hidden until you can accept payments"}
                    </td>
                    <td className="py-2 text-right whitespace-nowrap">
                      <Link
                        prefetch={false}
                        href={`/dashboard/products/${product.id}`}
                        className="rounded px-3 py-2 text-brand-700 underline"
                        aria-label={`Edit ${product.name}`}
                      >
                        Edit
                      </Link>
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
        )}
      </Card>
    </div>
  );
}
