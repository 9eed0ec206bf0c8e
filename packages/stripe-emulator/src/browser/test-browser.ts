/**
 * For the fakes' unit tests (`*.test.ts` here): just enough of a browser for the bundles to run their top
 * level, and the bundles as served. Not part of any bundle.
 */
import { serveBrowserAsset } from "./serve";

type Listener = (event: unknown) => void;

/** Just enough of a browser for the bundles to run their top level. */
export function fakeBrowser(scriptSrc: string | null, scriptsOnPage: string[] = []) {
  const defined = new Map<string, unknown>();
  class FakeHTMLElement {}
  const document = {
    currentScript: scriptSrc === null ? null : { src: scriptSrc },
    querySelectorAll: () => scriptsOnPage.map((src) => ({ src })),
    createElement: () => ({}),
    addEventListener: (_type: string, _l: Listener) => undefined,
  };
  const window: Record<string, unknown> = {};
  const customElements = {
    get: (name: string) => defined.get(name),
    define: (name: string, ctor: unknown) => defined.set(name, ctor),
  };
  return { window, document, customElements, HTMLElement: FakeHTMLElement, defined };
}

export function run(body: string, env: ReturnType<typeof fakeBrowser>) {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const fn = new Function("window", "document", "customElements", "HTMLElement", body) as (
    ...args: unknown[]
  ) => void;
  fn(env.window, env.document, env.customElements, env.HTMLElement);
}

export async function served(path: string): Promise<string> {
  const asset = await serveBrowserAsset(path);
  if (!asset) throw new Error(`${path} is not served`);
  return asset.body;
}
