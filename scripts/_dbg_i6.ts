import { readHeaderBundle } from "../packages/reader/src/index.ts";
const c0 = process.cpuUsage();
const t0 = Date.now();
const b = await readHeaderBundle(process.argv[2]!);
const c = process.cpuUsage(c0);
const r = process.resourceUsage();
console.log("read ms", Date.now() - t0, b.files.size, "node cpu user", c.user / 1000 | 0, "sys", c.system / 1000 | 0, "maxrss MB", r.maxRSS / 1024 | 0);
