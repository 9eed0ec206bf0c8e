#!/usr/bin/env node
// Why this exists: the npm registry mirror this project is developed against serves only the
// Linux builds of platform-specific optional packages (next's SWC, rollup, tailwind's oxide…).
// `npm install` then silently leaves the other platforms' entries out of package-lock.json, and
// `npm ci` refuses the lock as "not in sync". This script adds the missing entries back with the
// os/cpu/libc fields npm itself writes, so `npm ci` skips them on a non-matching machine and a
// developer on macOS or Windows still resolves their own binary. Run it after `npm install`
// (`npm run lock:fix`); it is idempotent and touches nothing else.
import { readFileSync, writeFileSync } from "node:fs";

const path = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(path, "utf8"));
const packages = lock.packages;

const OS = [
  "android",
  "darwin",
  "freebsd",
  "linux",
  "win32",
  "openbsd",
  "openharmony",
  "netbsd",
  "sunos",
  "aix",
];
const CPU = ["arm64", "x64", "arm", "ia32", "loong64", "ppc64", "riscv64", "s390x", "wasm32"];

function platformOf(name) {
  const tokens = name.split("/").pop().split("-");
  const os = tokens.find((t) => OS.includes(t));
  const cpu = tokens.find((t) => CPU.includes(t));
  const libc =
    tokens.includes("musl") || tokens.includes("musleabihf")
      ? "musl"
      : tokens.includes("gnu") || tokens.includes("gnueabihf")
        ? "glibc"
        : undefined;
  if (!os && !cpu) return undefined;
  return {
    ...(cpu ? { cpu: [cpu] } : {}),
    ...(os ? { os: [os] } : {}),
    ...(libc && os === "linux" ? { libc: [libc] } : {}),
  };
}

// npm resolves a dependency by walking up node_modules folders from the dependent's location.
function resolves(from, name) {
  let dir = from;
  for (;;) {
    if (packages[`${dir ? `${dir}/` : ""}node_modules/${name}`]) return true;
    if (!dir) return false;
    const i = dir.lastIndexOf("/node_modules/");
    dir = i === -1 ? "" : dir.slice(0, i);
  }
}

let added = 0;
for (const [location, entry] of Object.entries({ ...packages })) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolves(location, name) || !/^\d+\.\d+\.\d+/.test(spec)) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    packages[`node_modules/${name}`] = {
      version: spec,
      ...platform,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
    };
    added++;
  }
}

lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => a.localeCompare(b, "en")));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lockfile-optional: added ${added} platform entries`);
