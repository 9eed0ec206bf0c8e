import { Box, Spinner } from "@stripe/ui-extension-sdk/ui";

export function Loading({ label }: { label: string }) {
  return (
    <Box css={{ stack: "x", gapX: "small", alignY: "center", padding: "medium" }}>
      <Spinner size="small" />
      <Box>{label}</Box>
    </Box>
  );
}
