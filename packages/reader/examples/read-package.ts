// Read any input (directory, header, tarball, .deb, .rpm) and list what it serves
// (run: pnpm exec tsx packages/reader/examples/read-package.ts <path>).
import { parseBundle } from "@xsysgen/parser";
import { readHeaderBundle } from "../src/index.ts";

// Default: Debian 11's linux-libc-dev, which scripts/fetch-test-inputs.ts (install.sh) fetches.
const path = process.argv[2] ?? ".cache/debian/bullseye/linux-libc-dev_5.10.223-1_amd64.deb";
const bundle = await readHeaderBundle(path);
const parsed = await parseBundle(bundle);
console.log(`${path}: kernel ${parsed.kernelVersion ?? "unknown"}, ${bundle.files.size} files kept`);
for (const table of parsed.tables)
  console.log(`  ${table.target}: ${table.entries.length} syscalls, last ${table.entries.at(-1)?.name}`);
