/*
 * What arrives in URLs and forms, read one way everywhere: the first value of a search param, ids that
 * are uuids, and page numbers. Anything malformed reads as absent (it comes from a URL), never as an error.
 */

/** A search param as Next hands it to a page: a string, repeated values, or nothing. */
export type SearchParam = string | string[] | undefined;

/** The first value of a search param (`?a=1&a=2` → "1"). */
export function firstParam(value: SearchParam): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a uuid (our own ids are): anything else cannot name one of our rows. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** Parses a `?page=` value: anything that is not a positive integer is page 1. */
export function parsePage(value: SearchParam): number {
  const raw = firstParam(value);
  if (!raw || !/^\d{1,6}$/.test(raw)) return 1;
  return Math.max(1, Number(raw));
}

export function pageWindow(page: number, pageSize: number): { offset: number; limit: number } {
  return { offset: (Math.max(1, page) - 1) * pageSize, limit: pageSize };
}
