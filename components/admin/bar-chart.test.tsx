import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart } from "./bar-chart";

const points = [
  { day: "2026-11-21", value: 1000 },
  { day: "2026-11-22", value: 0 },
  { day: "2026-11-23", value: 4000 },
];
const usd = (v: number) => `$${(v / 100).toFixed(2)}`;

describe("BarChart", () => {
  it("is an image with a summary label and a data table fallback", () => {
    const html = renderToStaticMarkup(<BarChart title="Gross volume" points={points} format={usd} />);
    expect(html).toContain('role="img"');
    expect(html).toContain(
      'aria-label="Gross volume, 3 days from Nov 21 to Nov 23: total $50.00, highest $40.00 on Nov 23."',
    );
    expect(html.match(/<rect /g)).toHaveLength(3);
    // The tallest bar fills the plot; an empty day has no height.
    expect(html).toMatch(/<rect[^>]*y="8"[^>]*height="134"/);
    expect(html).toMatch(/<rect[^>]*height="0"/);
    expect(html).toContain(
      '<th scope="row" class="py-1 font-normal">Nov 22</th><td class="py-1 text-right tabular-nums">$0.00</td>',
    );
  });

  it("says so when nothing was recorded", () => {
    const html = renderToStaticMarkup(
      <BarChart title="Refunds" points={points.map((p) => ({ ...p, value: 0 }))} format={usd} />,
    );
    expect(html).toContain("total $0.00, nothing recorded.");
  });
});
