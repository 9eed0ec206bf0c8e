import Link from "next/link";
import { currentUser, signOut } from "@/lib/auth";
import { cartItemCount } from "@/lib/cart/cart";

type NavItem = { href: string; label: string };

const NAV: Record<"anonymous" | "buyer" | "seller" | "admin", NavItem[]> = {
  anonymous: [{ href: "/shop", label: "Shop" }],
  buyer: [
    { href: "/shop", label: "Shop" },
    { href: "/orders", label: "My orders" },
  ],
  seller: [
    { href: "/shop", label: "Shop" },
    { href: "/dashboard", label: "Dashboard" },
    { href: "/dashboard/products", label: "Products" },
  ],
  admin: [
    { href: "/shop", label: "Shop" },
    { href: "/admin", label: "Admin" },
  ],
};

export async function SiteHeader() {
  const user = await currentUser();
  const items = NAV[user?.role ?? "anonymous"];
  // Admins do not shop; everyone else has a cart (a guest's is this browser's). A failed count hides nothing else.
  const inCart = user?.role === "admin" ? null : await cartItemCount(user).catch(() => 0);
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3">
        <Link href="/" className="text-lg font-semibold text-brand-700">
          Connect Market
        </Link>
        <nav aria-label="Main" className="flex flex-wrap items-center gap-1 text-sm">
          {items.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              className="rounded px-3 py-2 text-slate-700 hover:bg-slate-100"
            >
              {item.label}
            </Link>
          ))}
          {inCart === null ? null : (
            <Link href="/cart" className="rounded px-3 py-2 text-slate-700 hover:bg-slate-100">
              Cart{inCart > 0 ? ` (${inCart})` : ""}
            </Link>
          )}
          {user ? (
            <form
              className="flex flex-wrap items-center"
              action={async () => {
                "use server";
                await signOut({ redirectTo: "/" });
              }}
            >
              <Link
                href="/account"
                className="rounded px-2 py-2 text-slate-500 hover:bg-slate-100"
                title={`${user.email}: your account`}
              >
                {user.name} · {user.role}
              </Link>
              <button type="submit" className="rounded px-3 py-2 text-slate-700 hover:bg-slate-100">
                Sign out
              </button>
            </form>
          ) : (
            <>
              <Link href="/sign-in" className="rounded px-3 py-2 text-slate-700 hover:bg-slate-100">
                Sign in
              </Link>
              <Link
                href="/sign-up"
                className="rounded bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700"
              >
                Sign up
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
