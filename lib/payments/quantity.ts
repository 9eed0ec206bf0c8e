/*
 * How many of one product a buyer may order: the checkout's rules (checkout-rules.ts) and the quantity
 * inputs (client components) share it. Its own module, free of zod, so those inputs do not ship it.
 */

export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = 99;
