import { readHeaderBundle } from "@xsysgen/reader";
for (const p of process.argv.slice(2)) {
  try {
    const t = Date.now();
    const b = await readHeaderBundle(p);
    console.log(p, b.packageVersion, [...b.files.keys()].join(" ").slice(0, 300), Date.now() - t, "ms");
  } catch (e) { console.log(p, "ERR", (e as Error).message); }
}
