// Read any input (directory, header, tarball, .deb, .rpm) and list what it serves
// (run: pnpm exec tsx packages/reader/examples/read-package.ts <path>).
import { parseBundle } from "@xsysgen/parser";
import { readHeaderBundle } from "../src/index.ts";

const path = process.argv[2] ?? "testdata/reader/tree";
const bundle = await readHeaderBundle(path);
const parsed = await parseBundle(bundle);
console.log(`${path}: kernel ${parsed.kernelVersion ?? "unknown"}, ${bundle.files.size} files kept`);
for (const table of parsed.tables) console.log(`  ${table.target}: ${table.entries.length} syscalls, last ${table.entries.at(-1)?.name}`);
