import { existsSync } from "node:fs";
import type { LaunchOptions } from "@playwright/test";

/**
 * Debian's Chromium when present (this project's CI machines cannot download browsers); elsewhere
 * Playwright's own browser (`npx playwright install chromium`). The flags keep a closed network quiet.
 */
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: systemChromium,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};
