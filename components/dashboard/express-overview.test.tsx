import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AttentionCount } from "./express-overview";

describe("AttentionCount", () => {
  it("says how many notifications need the seller, in a polite live region", () => {
    const one = renderToStaticMarkup(<AttentionCount count={1} />);
    expect(one).toContain('role="status"');
    expect(one).toContain('aria-live="polite"');
    expect(one).toContain("1 item needs your attention.");
    expect(renderToStaticMarkup(<AttentionCount count={3} />)).toContain("3 items need your attention.");
  });

  it("keeps the empty live region in the page (hidden) when nothing needs attention", () => {
    const none = renderToStaticMarkup(<AttentionCount count={0} />);
    expect(none).toMatch(/^<p role="status" aria-live="polite" class="sr-only"><\/p>$/);
  });
});
