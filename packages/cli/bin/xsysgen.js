#!/usr/bin/env node
// The installed `xsysgen`. It runs the bundle scripts/build-bin.ts makes (packages/cli/dist,
// built by scripts/install.sh) for a fast start; when the bundle is missing or older than any
// source file (a working tree being edited), it runs the TypeScript sources through tsx's loader
// instead, since Node 20 cannot strip types itself.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const cliDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const packagesDir = join(cliDir, "..");
const bundle = join(cliDir, "dist", "main.mjs");

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  if (!existsSync(bundle)) return false;
  const built = statSync(bundle).mtimeMs;
  for (const pkg of readdirSync(packagesDir)) {
    const src = join(packagesDir, pkg, "src");
    if (existsSync(src) && newestSourceTime(src) > built) return false;
  }
  return true;
}

if (bundleIsFresh()) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/main.ts");
}
