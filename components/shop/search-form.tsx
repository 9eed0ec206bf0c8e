import { buttonClass } from "@/components/ui/button";

/** A plain GET form: search results are shareable URLs and work without JavaScript. */
export function SearchForm({ action, search }: { action: string; search: string }) {
  return (
    <form action={action} method="get" role="search" className="flex gap-2">
      <label htmlFor="shop-search" className="sr-only">
        Search products
      </label>
      <input
        id="shop-search"
        name="q"
        type="search"
        defaultValue={search}
        maxLength={100}
        placeholder="Search products"
        className="w-full max-w-md rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600"
      />
      <button type="submit" className={buttonClass("secondary")}>
        Search
      </button>
    </form>
  );
}
