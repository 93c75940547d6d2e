// What in a Go module fails on CentOS 7.9 (amd64), at build time or at run time?
// Run: pnpm exec tsx packages/writer/examples/check-module.ts [module dir]
// (without an argument it checks a copy of testdata/modules/src/cgoapp made into a module, removed after).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTable, sinceOf } from "@xsysgen/kernels";
import { checkModule, lacksFromTables } from "../src/index.ts";

let copy: string | undefined;
let moduleDir = process.argv[2];
if (moduleDir === undefined) {
  copy = moduleDir = mkdtempSync(join(tmpdir(), "xsysgen-example-"));
  cpSync("testdata/modules/src/cgoapp", moduleDir, { recursive: true });
  writeFileSync(join(moduleDir, "go.mod"), "module example.com/cgoapp\n\ngo 1.21\n\nrequire golang.org/x/sys v0.3.0\n");
}
try {
  const result = await checkModule({
    moduleDir,
    arches: ["amd64"],
    env: process.env,
    lacks: lacksFromTables(
      [getTable("centos7", "amd64")],
      [getTable("7.1", "amd64")],
      (name, arch) => sinceOf(name, arch)?.text,
    ),
  });
  for (const f of result.findings)
    console.log(`${f.file}:${f.line}:${f.column} ${f.symbol} (${f.failsAt}) needs Linux ${f.missing[0]?.since ?? "?"}`);
} finally {
  if (copy !== undefined) rmSync(copy, { recursive: true, force: true });
}
