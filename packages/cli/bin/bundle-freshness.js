// Whether packages/cli/dist/xsysgen.cjs (scripts/build-bin.ts) may run: it exists and no
// packages/<pkg>/src/**/*.ts, nor the data the bundle embeds (packages/<pkg>/data/**/*.json), is
// newer. The bin runs the sources through tsx otherwise; the bench asks the same question of the
// bin it times.
// CommonJS, like the bin (bin/package.json): Node loads it without starting its ES module loader.
"use strict";
const { existsSync, readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

function newestSourceTime(dir, ext) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(path, ext));
    else if (entry.name.endsWith(ext)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The bundle of the CLI package at `cliDir`, when it is fresh; undefined when the sources must run. */
function freshBundle(cliDir) {
  const bundle = join(cliDir, "dist", "xsysgen.cjs");
  if (!existsSync(bundle)) return undefined;
  const built = statSync(bundle).mtimeMs;
  const packagesDir = join(cliDir, "..");
  for (const pkg of readdirSync(packagesDir)) {
    const src = join(packagesDir, pkg, "src");
    if (existsSync(src) && newestSourceTime(src, ".ts") > built) return undefined;
    const data = join(packagesDir, pkg, "data");
    if (existsSync(data) && newestSourceTime(data, ".json") > built) return undefined;
  }
  return bundle;
}

exports.freshBundle = freshBundle;
