import type { ReactNode } from "react";

/*
 * One list of rows declared once, shown two ways: stacked cards on phones (a list named by the
 * caption, nothing to scroll sideways) and a table from `sm` up (in its own scroll container, so it
 * never widens the page). Each column says where it goes on a phone:
 * - "title": the card's heading line, left; "aside": the same line, right (an amount);
 * - "line" (default): a line of its own below, after its header ("Status: Paid") unless `label: false`;
 * - "hidden": table only.
 */

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** What the phone card shows instead of `cell` (e.g. fewer details). */
  phoneCell?: (row: T) => ReactNode;
  phone?: "title" | "aside" | "line" | "hidden";
  /** Show the header before the value on a phone "line" (default true). */
  label?: boolean;
  /** The header is for screen readers only (e.g. an actions column). */
  srOnlyHeader?: boolean;
  align?: "left" | "right";
  /** This column names the row (a `th scope="row"` in the table). */
  rowHeader?: boolean;
  className?: string;
}

interface Props<T> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  caption: string;
  rowKey: (row: T) => string;
  /** A test id on each card and each table row. */
  rowTestId?: string;
  /** Table: padding of the cells; "boxed" adds the bordered white frame of admin lists. */
  variant?: "plain" | "boxed";
}

const cx = (...parts: Array<string | false | undefined>) => parts.filter(Boolean).join(" ");

function PhoneCard<T>({ row, columns }: { row: T; columns: readonly Column<T>[] }) {
  const show = (c: Column<T>) => (c.phoneCell ?? c.cell)(row);
  const title = columns.filter((c) => c.phone === "title");
  const aside = columns.filter((c) => c.phone === "aside");
  const lines = columns.filter((c) => (c.phone ?? "line") === "line");
  return (
    <>
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0 font-medium break-words">
          {title.map((c) => (
            <span key={c.header}>{show(c)}</span>
          ))}
        </div>
        {aside.length ? (
          <div className="shrink-0 text-right tabular-nums">
            {aside.map((c) => (
              <span key={c.header}>{show(c)}</span>
            ))}
          </div>
        ) : null}
      </div>
      {lines.map((c) => (
        <div key={c.header} className={cx("break-words text-slate-600", c.className)}>
          {c.label === false || c.srOnlyHeader ? null : <span className="text-slate-500">{c.header}: </span>}
          {show(c)}
        </div>
      ))}
    </>
  );
}

export function ResponsiveTable<T>({
  rows,
  columns,
  caption,
  rowKey,
  rowTestId,
  variant = "plain",
}: Props<T>) {
  const boxed = variant === "boxed";
  const pad = boxed ? "px-4 py-3" : "px-3 py-2 first:pl-0 last:pr-0";
  return (
    <div>
      <ul className={cx("sm:hidden", boxed ? "space-y-3" : "divide-y divide-slate-100")} aria-label={caption}>
        {rows.map((row) => (
          <li
            key={rowKey(row)}
            data-testid={rowTestId}
            className={cx(
              "space-y-1 text-sm",
              boxed ? "rounded-lg border border-slate-200 bg-white p-4" : "py-3",
            )}
          >
            <PhoneCard row={row} columns={columns} />
          </li>
        ))}
      </ul>
      <div
        className={cx(
          "hidden overflow-x-auto sm:block",
          boxed && "rounded-lg border border-slate-200 bg-white",
        )}
      >
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className={cx("text-slate-600", boxed && "bg-slate-50")}>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.header}
                  scope="col"
                  className={cx(pad, "font-medium", c.align === "right" && "text-right")}
                >
                  {c.srOnlyHeader ? <span className="sr-only">{c.header}</span> : c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)} data-testid={rowTestId} className="border-t border-slate-100 align-top">
                {columns.map((c) => {
                  const className = cx(pad, c.align === "right" && "text-right tabular-nums", c.className);
                  return c.rowHeader ? (
                    <th key={c.header} scope="row" className={cx(className, "font-normal")}>
                      {c.cell(row)}
                    </th>
                  ) : (
                    <td key={c.header} className={className}>
                      {c.cell(row)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
