/**
 * Checkout line items as `POST /v1/checkout/sessions` takes them: inline `price_data` with `product_data`
 * and a `quantity` (the emulator has no Prices or Products, so a `price` or `product` id is
 * `resource_missing`), one-time prices only in `payment` mode, and one currency for the whole session.
 */
import { emulatorUnsupported, invalidRequest, missingParameter, resourceMissing } from "../errors";
import { f, type Field, type FieldValue } from "../schema";

/** A parameter Stripe takes that the emulator refuses whatever its value. */
export function unsupported(what: string): Field<never, false> {
  return {
    required: false,
    parse: (_value, param) => {
      throw emulatorUnsupported(`${what} on Checkout Sessions (\`${param}\`).`, param);
    },
  };
}

const PRODUCT_DATA = f.obj({
  name: f.string({ nonEmpty: true }).req(),
  description: f.string({ nonEmpty: true }),
  metadata: f.metadata(),
  images: f.arr(f.string()),
  tax_code: unsupported("tax codes"),
  unit_label: f.string({ maxLength: 12 }),
});
const PRICE_DATA = f.obj({
  currency: f.string().req(),
  product: f.string(),
  product_data: PRODUCT_DATA,
  unit_amount: f.int({ min: 0 }),
  unit_amount_decimal: unsupported("decimal unit amounts"),
  recurring: f.obj({ interval: f.enumOf("day", "week", "month", "year").req(), interval_count: f.int() }),
  tax_behavior: f.enumOf("exclusive", "inclusive", "unspecified"),
});
export const LINE_ITEM = f.obj({
  price: f.string(),
  price_data: PRICE_DATA,
  quantity: f.int({ min: 1, max: 999999 }),
  metadata: f.metadata(),
  adjustable_quantity: unsupported("adjustable quantities"),
  tax_rates: unsupported("tax rates"),
});
export type LineItemParams = FieldValue<typeof LINE_ITEM>;

/** A line item's price and product as the session keeps them. */
export interface ParsedItem {
  name: string;
  description: string | null;
  metadata: Record<string, string>;
  currency: string;
  unit_amount: number;
  quantity: number;
}

export function parseItem(item: LineItemParams, i: number, currency: string | undefined): ParsedItem {
  const at = `line_items[${i}]`;
  if (item.price !== undefined && item.price_data !== undefined)
    throw invalidRequest("You may only specify one of these parameters: price, price_data.", `${at}[price]`);
  if (item.price !== undefined) throw resourceMissing("price", item.price, `${at}[price]`, 400);
  const data = item.price_data;
  if (!data) throw invalidRequest(`You must specify either \`price\` or \`price_data\`.`, at);
  if (item.quantity === undefined) throw missingParameter(`${at}[quantity]`);
  if (data.product !== undefined && data.product_data !== undefined)
    throw invalidRequest(
      "You may only specify one of these parameters: product, product_data.",
      `${at}[price_data][product]`,
    );
  if (data.product !== undefined)
    throw resourceMissing("product", data.product, `${at}[price_data][product]`, 400);
  if (!data.product_data) throw missingParameter(`${at}[price_data][product_data]`);
  if (data.recurring)
    throw invalidRequest(
      "You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.",
      `${at}[price_data][recurring]`,
    );
  if (data.unit_amount === undefined) throw missingParameter(`${at}[price_data][unit_amount]`);
  const itemCurrency = data.currency.toLowerCase();
  if (currency !== undefined && itemCurrency !== currency)
    throw invalidRequest(
      `All line items must use the same currency: line_items[${i}] is in ${itemCurrency}, the session in ${currency}.`,
      `${at}[price_data][currency]`,
    );
  return {
    name: data.product_data.name,
    description: data.product_data.description ?? null,
    metadata: item.metadata ?? {},
    currency: itemCurrency,
    unit_amount: data.unit_amount,
    quantity: item.quantity,
  };
}
