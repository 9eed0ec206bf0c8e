import { buttonClass } from "@/components/ui/button";
import { MAX_QUANTITY, MIN_QUANTITY } from "@/lib/payments/checkout-rules";

/** Chooses the quantity and goes to checkout (a GET form: nothing is created until the buyer pays). */
export function QuantityForm({ productId }: { productId: string }) {
  return (
    <form action={`/checkout/${productId}`} method="get" className="flex items-end gap-3">
      <div className="space-y-1">
        <label htmlFor="quantity" className="block text-sm font-medium text-slate-700">
          Quantity
        </label>
        <input
          id="quantity"
          name="quantity"
          type="number"
          min={MIN_QUANTITY}
          max={MAX_QUANTITY}
          step={1}
          defaultValue={MIN_QUANTITY}
          required
          className="block w-24 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600"
        />
      </div>
      <button type="submit" className={buttonClass("primary")}>
        Buy now
      </button>
    </form>
  );
}
