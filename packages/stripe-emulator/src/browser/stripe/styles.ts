/*
 * Styles for the fake Payment Element and the 3-D Secure dialog. They live in shadow roots, so the
 * host page's CSS cannot break them (real Stripe isolates them in iframes). Values come from the
 * appearance variables through CSS custom properties (see appearanceVars in ../common.ts).
 */
import { applyVars, h, type AppearanceLike } from "../dom";

export const STRIPE_EMU_CSS = `
:host { all: initial; display: block; }
* { box-sizing: border-box; }
.emu-root { font-family: var(--emu-font-family); font-size: var(--emu-font-size); color: var(--emu-color-text);
  line-height: 1.4; }
.emu-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-bottom: 12px; }
.emu-tab { display: inline-flex; align-items: center; gap: 6px; padding: 8px 12px; border: 2px solid var(--emu-color-primary);
  border-radius: var(--emu-border-radius); font-weight: 600; font-size: 0.875em; color: var(--emu-color-primary);
  background: var(--emu-color-background); }
.emu-badge { display: inline-block; padding: 2px 8px; border-radius: 999px; background: #ffde92; color: #7a4100;
  font: 700 11px/1.6 var(--emu-font-family); letter-spacing: .04em; text-transform: uppercase; }
.emu-field { display: flex; flex-direction: column; gap: 4px; margin-bottom: 12px; min-width: 0; flex: 1; }
.emu-row { display: flex; gap: 12px; }
label { font-size: 0.875em; color: var(--emu-color-text); }
input, select { font: inherit; color: var(--emu-color-text); background: var(--emu-color-background);
  border: 1px solid var(--emu-color-border); border-radius: var(--emu-border-radius); padding: 10px 12px;
  width: 100%; outline: none; transition: box-shadow .15s, border-color .15s; }
input:focus, select:focus { border-color: var(--emu-color-primary);
  box-shadow: 0 0 0 1px var(--emu-color-primary), 0 0 0 4px color-mix(in srgb, var(--emu-color-primary) 35%, transparent); }
input[aria-invalid="true"] { border-color: var(--emu-color-danger); color: var(--emu-color-danger); }
input:disabled { opacity: .6; }
.emu-input-wrap { position: relative; }
.emu-brand { position: absolute; right: 10px; top: 50%; transform: translateY(-50%); font-size: 0.75em; font-weight: 600;
  color: var(--emu-color-secondary-text); pointer-events: none; }
.emu-error { color: var(--emu-color-danger); font-size: 0.8125em; min-height: 0; }
.emu-error:empty { display: none; }
.emu-note { color: var(--emu-color-secondary-text); font-size: 0.75em; margin: 4px 0 0; }
.emu-load-error { color: var(--emu-color-danger); font-size: 0.875em; padding: 12px; border: 1px solid var(--emu-color-danger);
  border-radius: var(--emu-border-radius); }
.emu-overlay { position: fixed; inset: 0; background: rgba(10, 20, 40, .55); display: flex; align-items: center;
  justify-content: center; z-index: 2147483647; }
.emu-dialog { background: #fff; color: #30313d; width: min(440px, calc(100vw - 32px)); border-radius: 8px; padding: 24px;
  box-shadow: 0 20px 60px rgba(0,0,0,.35); font-family: var(--emu-font-family); }
.emu-dialog h2 { margin: 8px 0 8px; font-size: 20px; }
.emu-dialog p { margin: 0 0 12px; font-size: 14px; color: #4f566b; }
.emu-actions { display: flex; gap: 8px; margin-top: 16px; flex-wrap: wrap; }
button { font: 600 14px/1 var(--emu-font-family); border-radius: var(--emu-button-radius); padding: 11px 16px;
  cursor: pointer; border: 1px solid transparent; }
.emu-primary { background: var(--emu-button-bg); color: var(--emu-button-text); }
.emu-secondary { background: #fff; color: #30313d; border-color: #d5dbe1; }
.emu-danger { background: #fff; color: var(--emu-color-danger); border-color: var(--emu-color-danger); }
button:focus-visible { outline: 3px solid color-mix(in srgb, var(--emu-color-primary) 45%, transparent); outline-offset: 2px; }
`;

export function stripeEmuShadowHost(appearance: AppearanceLike | null | undefined): {
  host: HTMLDivElement;
  root: ShadowRoot;
} {
  const host = document.createElement("div");
  host.setAttribute("data-stripe-emulator", "");
  const root = host.attachShadow({ mode: "open" });
  root.appendChild(h("style", null, STRIPE_EMU_CSS));
  applyVars(host, appearance);
  return { host, root };
}
