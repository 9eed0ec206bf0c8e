/*
 * Small UI pieces the Connect components share: labelled fields, status pills, action messages and
 * bank account labels. Part of the fake Connect.js bundle.
 */
import { h, uid, type Attrs, type Child } from "../dom";
import type { ExternalAccount } from "./types";

export interface ConnectField<E extends HTMLInputElement | HTMLSelectElement = HTMLInputElement> {
  wrap: HTMLDivElement;
  input: E;
  error: HTMLDivElement;
}

/** A labelled input; `value` and `required` are set on the input. */
export function connectField(labelText: string, attrs: Attrs = {}): ConnectField {
  const id = uid("f");
  const errorId = `${id}-err`;
  const input = h("input", Object.assign({ id, "aria-describedby": errorId }, attrs));
  const error = h("div", { class: "emu-field-error", id: errorId });
  return {
    wrap: h("div", { class: "emu-field" }, h("label", { for: id }, labelText), input, error),
    input,
    error,
  };
}

/** A labelled <select> with the given <option>s, `value` selected. */
export function connectSelect(
  labelText: string,
  value: string,
  options: Child[],
): ConnectField<HTMLSelectElement> {
  const id = uid("f");
  const errorId = `${id}-err`;
  const input = h("select", { id, "aria-describedby": errorId, value }, options);
  // Set again now that the options exist (the first assignment had nothing to select).
  input.value = value;
  const error = h("div", { class: "emu-field-error", id: errorId });
  return {
    wrap: h("div", { class: "emu-field" }, h("label", { for: id }, labelText), input, error),
    input,
    error,
  };
}

export function statusPill(text: string, tone: string | null | undefined): HTMLSpanElement {
  return h("span", { class: `emu-status${tone ? ` emu-status-${tone}` : ""}` }, text);
}

export function actionMessage(kind: "ok" | "error", text: Child): HTMLDivElement {
  return h(
    "div",
    kind === "error" ? { class: "emu-alert", role: "alert" } : { class: "emu-success", role: "status" },
    text,
  );
}

/** The bank's name for a bank account (a card has none). */
export function bankName(account: ExternalAccount): string | null {
  return account.object === "bank_account" ? account.bank_name : null;
}
