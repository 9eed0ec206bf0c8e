/** The few UI pieces the harness needs, styled by the page's inline CSS (page.ts). */
import type { ButtonHTMLAttributes, ReactNode } from "react";

type Tone = "error" | "success" | "info" | "warning";

/** Status message; errors use role="alert", the rest a polite live region. */
export function Alert({ tone = "info", children }: { tone?: Tone; children: ReactNode }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      aria-live={tone === "error" ? "assertive" : "polite"}
      className={`alert ${tone}`}
    >
      {children}
    </div>
  );
}

export function Button({
  pending = false,
  children,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { pending?: boolean }) {
  return (
    <button
      {...props}
      disabled={props.disabled ?? pending}
      aria-busy={pending || undefined}
      className="button"
    >
      {children}
    </button>
  );
}
