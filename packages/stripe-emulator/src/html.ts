/**
 * Minimal HTML for the emulator's pages (hosted onboarding, OAuth authorize, Express dashboard, overview).
 * Everything interpolated goes through `esc`: these pages echo request parameters such as `state`.
 */
export function esc(value: string | number | boolean | null | undefined): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const STYLE = `
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; background: #f6f9fc; color: #1a1f36; }
  main { max-width: 960px; margin: 32px auto; padding: 24px 32px; background: #fff; border-radius: 8px; box-shadow: 0 2px 8px rgba(0,0,0,.08); }
  h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
  label { display: block; margin: 10px 0 4px; font-weight: 600; }
  input { width: 100%; padding: 8px; border: 1px solid #c1c9d2; border-radius: 4px; box-sizing: border-box; }
  button, .button { display: inline-block; margin-top: 18px; padding: 10px 18px; border: 0; border-radius: 4px; background: #635bff; color: #fff; font-weight: 600; cursor: pointer; text-decoration: none; }
  button.secondary, .button.secondary { background: #e3e8ee; color: #1a1f36; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; } td, th { border-bottom: 1px solid #e3e8ee; padding: 6px; text-align: left; }
  .badge { font-size: 12px; padding: 2px 8px; border-radius: 10px; background: #e3e8ee; } .note { color: #697386; font-size: 13px; }
`;

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main><p class="note">Stripe emulator (test mode, offline)</p>${body}</main></body></html>`;
}

export function hidden(fields: Record<string, string | undefined>): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join("");
}

/** Appends query parameters to a URL the app gave us (it may already have a query string). */
export function withQuery(url: string, params: Record<string, string | undefined>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}
