/** Runs once when a server starts: a misconfigured production server stops here, saying why. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertProductionConfig } = await import("@/lib/env");
  assertProductionConfig();
}
