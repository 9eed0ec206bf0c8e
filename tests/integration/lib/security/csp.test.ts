import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "@/lib/security/csp";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split("; ").map((d) => {
      const [name = "", ...sources] = d.split(" ");
      return [name, sources];
    }),
  );
}

const base = { nonce: "abc123", emulatorOrigin: null, development: false, https: true };

describe("content security policy", () => {
  it("with Stripe keys allows Stripe's script, frame and API origins and the request's nonce, nothing from the emulator", () => {
    const d = directives(contentSecurityPolicy(base));
    expect(d.get("script-src")).toEqual(
      expect.arrayContaining([
        "'nonce-abc123'",
        "'strict-dynamic'",
        "https://js.stripe.com",
        "https://connect-js.stripe.com",
      ]),
    );
    expect(d.get("script-src")).not.toContain("'unsafe-inline'");
    expect(d.get("script-src")).not.toContain("'unsafe-eval'");
    expect(d.get("frame-src")).toEqual([
      "https://js.stripe.com",
      "https://hooks.stripe.com",
      "https://connect-js.stripe.com",
    ]);
    expect(d.get("connect-src")).toEqual(expect.arrayContaining(["'self'", "https://api.stripe.com"]));
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.has("upgrade-insecure-requests")).toBe(true);
    expect(contentSecurityPolicy(base)).not.toContain("127.0.0.1");
  });

  it("offline swaps every Stripe origin for the emulator's, and dev alone may eval", () => {
    const policy = contentSecurityPolicy({
      ...base,
      emulatorOrigin: "http://127.0.0.1:12111",
      development: true,
      https: false,
    });
    const d = directives(policy);
    expect(policy).not.toContain("stripe.com");
    for (const name of ["script-src", "connect-src", "frame-src", "img-src"])
      expect(d.get(name)).toContain("http://127.0.0.1:12111");
    expect(d.get("script-src")).toContain("'unsafe-eval'");
    expect(d.has("upgrade-insecure-requests")).toBe(false);
  });

  it("nonces are fresh 128-bit values", () => {
    const a = newNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
