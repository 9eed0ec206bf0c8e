import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-red-600">403</p>
      <h1 className="mt-2 text-2xl font-bold">You don&apos;t have access to this page</h1>
      <p className="mt-3 text-slate-600">
        This area belongs to another kind of account. Sign in with the right account, or go back to the shop.
      </p>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        Back to the shop
      </Link>
    </div>
  );
}
