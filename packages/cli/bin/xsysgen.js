#!/usr/bin/env node
// The installed `xsysgen`. It runs the bundle scripts/build-bin.ts makes (packages/cli/dist,
// built by scripts/install.sh) with its V8 code cache for a fast start; when the bundle is
// missing or older than any source file (a working tree being edited), it runs the TypeScript
// sources through tsx's loader instead, since Node 20 cannot strip types itself.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freshBundle } from "./bundle-freshness.js";
import { loadBundle } from "./run-bundle.js";

const bundle = freshBundle(join(dirname(fileURLToPath(import.meta.url)), ".."));
if (bundle !== undefined) {
  loadBundle(bundle);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/main.ts");
}
