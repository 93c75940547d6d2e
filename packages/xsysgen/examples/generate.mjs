// What `xsysgen gen --kernel 3.10.0 --out <dir>` writes, from one API call: generate() returns the files
// ({ path, contents }) and, given `out`, writes them there as the command does.
import { generate } from "xsysgen";

const { files, notes } = await generate({ kernel: "3.10.0", out: process.argv[2] ?? "xsysgen-out" });
for (const note of notes) console.error(`note: ${note}`);
for (const { path, contents } of files) console.log(`${path}\t${contents.length} bytes`);
