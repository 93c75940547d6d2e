#!/usr/bin/env node
// The installed `xsysgen`. It runs the bundle scripts/build-bin.ts makes (packages/cli/dist,
// built by scripts/install.sh) with its V8 code cache for a fast start; when the bundle is
// missing or older than any source file (a working tree being edited), it runs the TypeScript
// sources through tsx's loader instead, since Node 20 cannot strip types itself.
// CommonJS (bin/package.json): an ES module entry would start Node's module loader, ~5 ms of
// every run, for nothing the bundle needs.
"use strict";
const { join } = require("node:path");
const { freshBundle } = require("./bundle-freshness.js");
const { loadBundle } = require("./run-bundle.js");

const bundle = freshBundle(join(__dirname, ".."));
if (bundle !== undefined) {
  loadBundle(bundle);
} else {
  import("tsx/esm/api").then(({ register }) => {
    register();
    return import("../src/main.ts");
  });
}
