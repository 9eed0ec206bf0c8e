/*
 * The SDK's test matchers (registered by importing @stripe/ui-extension-sdk/testing) declare themselves on
 * Jest's types; these declarations make them known to vitest's `expect`.
 */
import "vitest";

interface StripeUiMatchers<R = unknown> {
  toContainText(text: string): R;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's own signature
  toContainComponent(type: any, props?: Record<string, unknown>): R;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's own signature
  toContainComponentTimes(type: any, times: number, props?: Record<string, unknown>): R;
  toHaveProps(props: Record<string, unknown>): R;
}

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends StripeUiMatchers<T> {}
}
