/*
 * DOM helpers shared by the fake Stripe.js and Connect.js: a tiny element builder, unique ids, the
 * appearance variables as CSS custom properties and the test-mode badge. Nothing runs at import time.
 */

/** Inline styles for h()'s `style` attribute. */
export type StyleMap = Partial<Record<string, string>>;
export type AttrValue = string | number | boolean | null | undefined | ((event: Event) => void) | StyleMap;
export type Attrs = Record<string, AttrValue>;
export type Child = Node | string | number | null | undefined | false | readonly Child[];

function appendChildren(el: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) appendChildren(el, child as readonly Child[]);
    else if (typeof child === "string" || typeof child === "number")
      el.appendChild(document.createTextNode(String(child)));
    else el.appendChild(child as Node);
  }
}

/**
 * Tiny DOM builder: h("button", { type: "button", onclick: fn, class: "x" }, "text", child).
 * Attributes whose value is false/null/undefined are skipped; functions are listeners (on* keys only),
 * an object is the inline style (`style` only); nested arrays of children are flattened.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const key of Object.keys(attrs)) {
      const value = attrs[key];
      if (value === undefined || value === null || value === false) continue;
      if (typeof value === "function") {
        if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
      } else if (key === "value") Reflect.set(el, "value", value);
      else if (key === "checked") Reflect.set(el, "checked", Boolean(value));
      else if (typeof value === "object") {
        if (key === "style") Object.assign(el.style, value);
      } else el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  appendChildren(el, children);
  return el;
}

let idCounter = 0;
/** Unique ids for label/input pairs (several Elements may share a document). */
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}-${Math.random().toString(36).slice(2, 7)}`;
}

/**
 * The appearance options both fakes honour: Stripe.js' `Appearance` and Connect.js' `AppearanceOptions`
 * are both assignable to it.
 */
export interface AppearanceLike {
  theme?: string;
  variables?: {
    colorPrimary?: string;
    colorBackground?: string;
    colorText?: string;
    colorSecondaryText?: string;
    colorDanger?: string;
    colorBorder?: string;
    borderRadius?: string;
    buttonBorderRadius?: string;
    fontFamily?: string;
    fontSizeBase?: string;
    spacingUnit?: string;
    buttonPrimaryColorBackground?: string;
    buttonPrimaryColorText?: string;
  };
}

/** CSS custom properties from appearance.variables (the subset both fakes honour). */
export function appearanceVars(appearance: AppearanceLike | null | undefined): Record<string, string> {
  const v = (appearance && appearance.variables) || {};
  const night = appearance && appearance.theme === "night";
  return {
    "--emu-color-primary": v.colorPrimary || "#635bff",
    "--emu-color-background": v.colorBackground || (night ? "#30313d" : "#ffffff"),
    "--emu-color-text": v.colorText || (night ? "#ffffff" : "#30313d"),
    "--emu-color-secondary-text": v.colorSecondaryText || (night ? "#c3c6d1" : "#6a7383"),
    "--emu-color-danger": v.colorDanger || "#df1b41",
    "--emu-color-border": v.colorBorder || (night ? "#5c5f6e" : "#d5dbe1"),
    "--emu-border-radius": v.borderRadius || "6px",
    "--emu-button-radius": v.buttonBorderRadius || v.borderRadius || "6px",
    "--emu-font-family":
      v.fontFamily ||
      '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Ubuntu, sans-serif',
    "--emu-font-size": v.fontSizeBase || "16px",
    "--emu-spacing": v.spacingUnit || "4px",
    "--emu-button-bg": v.buttonPrimaryColorBackground || v.colorPrimary || "#635bff",
    "--emu-button-text": v.buttonPrimaryColorText || "#ffffff",
  };
}

export function applyVars(el: HTMLElement, appearance: AppearanceLike | null | undefined): void {
  const vars = appearanceVars(appearance);
  for (const [key, value] of Object.entries(vars)) el.style.setProperty(key, value);
}

/** A badge that makes it obvious this is the offline stand-in, not Stripe. */
export function testModeBadge(text: string): HTMLSpanElement {
  return h("span", { class: "emu-badge", title: "Served by the local Stripe emulator" }, text);
}
