// Runs the CLI's bundle (packages/cli/dist/xsysgen.cjs, scripts/build-bin.ts) as Node runs a
// CommonJS file, but compiled with the V8 code cache the build wrote beside it: V8 then
// deserializes the bytecode of every function the build's training runs compiled instead of
// parsing and compiling them again (BENCHMARKS.md: 4–14 ms of an 80–130 ms run). Node 20 has no
// module compile cache (module.enableCompileCache is Node 22), and V8 caches only classic
// scripts, hence one CommonJS file rather than ES modules. V8 rejects a cache made by another
// V8 build or under other V8 flags (NODE_OPTIONS, say); the script then compiles as usual.
"use strict";
const { readFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { dirname } = require("node:path");
const { Script } = require("node:vm");

/** The code cache of a bundle is the bundle's path plus this. */
const codeCacheSuffix = ".v8cache";

/** Compiles and runs the CommonJS bundle `file`, with its code cache when there is one. */
function loadBundle(file) {
  // esbuild writes ASCII only (its default charset; scripts/build-bin.ts checks), so latin1 reads
  // it without UTF-8 decoding. A #! line is a comment to Node's CommonJS loader only; main.ts's
  // survives into the bundle.
  const source = readFileSync(file, "latin1").replace(/^#!/, "//");
  let cachedData;
  try {
    cachedData = readFileSync(file + codeCacheSuffix);
  } catch {
    cachedData = undefined;
  }
  // Node's own CommonJS wrapper, on the bundle's first line so stack traces keep its line numbers.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return {
    script,
    exports: module.exports,
    cache: cachedData === undefined ? "none" : script.cachedDataRejected ? "rejected" : "accepted",
  };
}

exports.codeCacheSuffix = codeCacheSuffix;
exports.loadBundle = loadBundle;
