import type { DayPoint } from "@/lib/charts/series";

const WIDTH = 600;
const HEIGHT = 160;
const PAD_BOTTOM = 18;
const PAD_TOP = 8;

function shortDay(day: string): string {
  return new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/**
 * A per-day bar chart drawn as inline SVG (no chart library). Screen readers get a one-sentence
 * summary (role="img" + aria-label) and the full numbers in the table below it.
 */
export function BarChart({
  title,
  points,
  format,
  tone = "brand",
}: {
  title: string;
  points: DayPoint[];
  format: (value: number) => string;
  tone?: "brand" | "green" | "amber" | "red";
}) {
  const total = points.reduce((s, p) => s + p.value, 0);
  const max = Math.max(0, ...points.map((p) => p.value));
  const peak = points.find((p) => p.value === max && max > 0);
  const first = points[0]?.day;
  const last = points.at(-1)?.day;
  const label =
    `${title}, ${points.length} days${first && last ? ` from ${shortDay(first)} to ${shortDay(last)}` : ""}: total ${format(total)}` +
    (peak ? `, highest ${format(peak.value)} on ${shortDay(peak.day)}.` : ", nothing recorded.");
  const slot = WIDTH / Math.max(points.length, 1);
  const plot = HEIGHT - PAD_BOTTOM - PAD_TOP;
  const fill = {
    brand: "fill-brand-600",
    green: "fill-green-600",
    amber: "fill-amber-500",
    red: "fill-red-600",
  }[tone];
  return (
    <figure className="space-y-2">
      <figcaption className="flex items-baseline justify-between gap-2">
        <span className="text-sm font-medium text-slate-700">{title}</span>
        <span className="text-lg font-semibold tabular-nums">{format(total)}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={label}
        className="h-40 w-full"
        preserveAspectRatio="none"
      >
        <line
          x1={0}
          x2={WIDTH}
          y1={HEIGHT - PAD_BOTTOM}
          y2={HEIGHT - PAD_BOTTOM}
          className="stroke-slate-300"
          strokeWidth={1}
        />
        {points.map((p, i) => {
          const h = max > 0 ? Math.max(p.value > 0 ? 2 : 0, (p.value / max) * plot) : 0;
          return (
            <rect
              key={p.day}
              x={i * slot + slot * 0.15}
              width={slot * 0.7}
              y={HEIGHT - PAD_BOTTOM - h}
              height={h}
              className={fill}
            >
              <title>{`${shortDay(p.day)}: ${format(p.value)}`}</title>
            </rect>
          );
        })}
        {first ? (
          <text x={0} y={HEIGHT - 4} className="fill-slate-500 text-[11px]">
            {shortDay(first)}
          </text>
        ) : null}
        {last ? (
          <text x={WIDTH} y={HEIGHT - 4} textAnchor="end" className="fill-slate-500 text-[11px]">
            {shortDay(last)}
          </text>
        ) : null}
      </svg>
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-600">Show the data for {title.toLowerCase()}</summary>
        <table className="mt-2 w-full text-left">
          <caption className="sr-only">{title} per day</caption>
          <thead>
            <tr className="text-slate-600">
              <th scope="col" className="py-1 font-medium">
                Day
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                {title}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.day} className="border-t border-slate-100">
                <th scope="row" className="py-1 font-normal">
                  {shortDay(p.day)}
                </th>
                <td className="py-1 text-right tabular-nums">{format(p.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
