/*
 * Styles for the fake Connect embedded components (inside each element's shadow root, like the
 * real components live in iframes). Appearance variables arrive as CSS custom properties.
 * Part of the fake Connect.js bundle.
 */

export const CONNECT_EMU_CSS = `
:host { display: block; }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.emu-c { font-family: var(--emu-font-family); font-size: calc(var(--emu-font-size) * 0.875); color: var(--emu-color-text);
  background: var(--emu-color-background); border: 1px solid var(--emu-color-border); border-radius: var(--emu-border-radius);
  padding: calc(var(--emu-spacing) * 5); line-height: 1.45; }
.emu-c.emu-bare { border: 0; padding: 0; background: transparent; }
.emu-c-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-bottom: 16px; }
.emu-c h2 { font-size: 1.3em; margin: 0; }
.emu-c h3 { font-size: 1.05em; margin: 18px 0 8px; }
.emu-badge { display: inline-block; padding: 2px 8px; border-radius: 999px; background: #ffde92; color: #7a4100;
  font: 700 11px/1.6 var(--emu-font-family); letter-spacing: .04em; text-transform: uppercase; white-space: nowrap; }
.emu-muted { color: var(--emu-color-secondary-text); }
.emu-field { display: flex; flex-direction: column; gap: 4px; margin-bottom: 12px; }
.emu-row { display: flex; gap: 12px; flex-wrap: wrap; }
.emu-row > .emu-field { flex: 1 1 160px; }
label { font-weight: 600; font-size: .95em; }
input, select { font: inherit; color: var(--emu-color-text); background: var(--emu-color-background);
  border: 1px solid var(--emu-color-border); border-radius: var(--emu-border-radius); padding: 8px 10px; width: 100%; }
input:focus, select:focus { outline: 2px solid var(--emu-color-primary); outline-offset: 0; border-color: var(--emu-color-primary); }
input[aria-invalid="true"] { border-color: var(--emu-color-danger); }
.emu-field-error { color: var(--emu-color-danger); font-size: .9em; }
.emu-field-error:empty { display: none; }
button { font: 600 1em/1 var(--emu-font-family); border-radius: var(--emu-button-radius); padding: 9px 14px; cursor: pointer;
  border: 1px solid var(--emu-color-border); background: var(--emu-color-background); color: var(--emu-color-text); }
button.emu-primary { background: var(--emu-button-bg); border-color: var(--emu-button-bg); color: var(--emu-button-text); }
button.emu-link { border: 0; background: none; padding: 0; color: var(--emu-color-primary); text-decoration: underline; }
button:disabled { opacity: .55; cursor: not-allowed; }
button:focus-visible { outline: 3px solid color-mix(in srgb, var(--emu-color-primary) 45%, transparent); outline-offset: 2px; }
.emu-actions { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin-top: 12px; }
.emu-alert { border: 1px solid var(--emu-color-danger); color: var(--emu-color-danger); border-radius: var(--emu-border-radius);
  padding: 10px 12px; margin: 8px 0; }
.emu-alert strong, .emu-success strong { display: block; margin-bottom: 2px; }
.emu-success { border: 1px solid #1f883d; color: #116329; border-radius: var(--emu-border-radius); padding: 10px 12px; margin: 8px 0; }
.emu-stats { display: flex; gap: 24px; flex-wrap: wrap; }
.emu-stat dt { font-size: .9em; color: var(--emu-color-secondary-text); }
.emu-stat dd { margin: 2px 0 0; font-size: 1.4em; font-weight: 700; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 700; padding: 6px 0; }
th, td { text-align: left; padding: 8px 6px; border-bottom: 1px solid var(--emu-color-border); vertical-align: middle; }
th { font-size: .85em; color: var(--emu-color-secondary-text); font-weight: 600; }
.emu-status { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: .85em; font-weight: 600;
  background: #ebeef1; color: #414552; }
.emu-status-ok { background: #d7f7c2; color: #05690d; }
.emu-status-warn { background: #fcedb9; color: #a82c00; }
.emu-status-bad { background: #ffe7f2; color: #b3093c; }
.emu-steps { list-style: none; display: flex; gap: 8px; padding: 0; margin: 0 0 16px; flex-wrap: wrap; }
.emu-steps li { font-size: .85em; padding: 4px 10px; border-radius: 999px; background: #ebeef1; }
.emu-steps li[aria-current="step"] { background: var(--emu-color-primary); color: var(--emu-button-text); }
.emu-loading { color: var(--emu-color-secondary-text); }
.emu-banner { border: 1px solid #f5c04a; background: #fff8e6; color: #5c3a00; border-radius: var(--emu-border-radius); padding: 12px 14px; }
.emu-banner ul { margin: 6px 0 0 18px; padding: 0; }
.emu-overlay { position: fixed; inset: 0; background: rgba(10, 20, 40, .55); display: flex; align-items: flex-start;
  justify-content: center; overflow: auto; padding: 40px 16px; z-index: var(--emu-overlay-z, 2147483000); }
.emu-dialog { width: min(620px, 100%); background: var(--emu-color-background); border-radius: var(--emu-border-radius);
  box-shadow: 0 20px 60px rgba(0,0,0,.35); }
dl.emu-kv { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dl.emu-kv dt { color: var(--emu-color-secondary-text); }
dl.emu-kv dd { margin: 0; }
`;
