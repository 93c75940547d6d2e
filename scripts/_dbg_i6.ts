import { readHeaderBundle } from "../packages/reader/src/index.ts";
const t0 = Date.now();
const b = await readHeaderBundle(process.argv[2]!);
console.log("read ms", Date.now() - t0, b.files.size);
