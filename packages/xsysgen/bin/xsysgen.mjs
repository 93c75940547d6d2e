#!/usr/bin/env node
// The published `xsysgen` bin: the CLI bundle scripts/release-pack.ts builds into dist/.
// From Node 22.1 on, Node keeps the bundle's compiled code in its module compile cache
// (module.enableCompileCache: in the OS temp directory's node-compile-cache, or where
// NODE_COMPILE_CACHE says; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so a run after the first
// skips compiling it: `gen --kernel 3.10.0` ~7–10 % faster on Node 24 and 26 (BENCHMARKS.md). Node
// 20 has no such cache and compiles the bundle on every run. The bundle is imported after the
// call, which must come before the modules it should cache are loaded.
import module from "node:module";

module.enableCompileCache?.();
await import("../dist/cli.mjs");
