import type { ReactNode } from "react";
import { Box, Inline } from "@stripe/ui-extension-sdk/ui";
import type { Money } from "../contract";

/** A label on the left, its value on the right. */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box css={{ stack: "x", distribute: "space-between", gapX: "small", alignY: "top" }}>
      <Inline css={{ color: "secondary" }}>{label}</Inline>
      <Inline css={{ textAlign: "right" }}>{children}</Inline>
    </Box>
  );
}

/** An amount as the marketplace formats it ("$12.50"), so the app shows the figures the admin pages show. */
export function MoneyRow({ label, money }: { label: string; money: Money }) {
  return <Row label={label}>{money.text}</Row>;
}

/** A heading for a group of rows. */
export function SectionTitle({ children }: { children: ReactNode }) {
  return <Box css={{ font: "subheading", marginTop: "small" }}>{children}</Box>;
}
