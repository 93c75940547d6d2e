// Is statx in RHEL 7.9, and since which vanilla kernel is it on each arch?
// Run: pnpm exec tsx packages/kernels/examples/show-statx.ts
import { diffTables, renderDiffText } from "@xsysgen/generator";
import { getTable, showSyscall, sinceOf } from "../src/index.ts";

const statx = showSyscall("statx", ["amd64", "386", "arm64"]);
for (const a of statx.arches) console.log(`${a.target} ${a.number} since ${a.since.text}`);
for (const d of statx.distros) console.log(`${d.name}: ${JSON.stringify(d.has)}`);
const el7 = getTable("centos7", "amd64");
console.log(renderDiffText({ from: "centos7", to: "4.18.0", arches: [diffTables(el7, getTable("4.18.0", "amd64"), sinceOf)] }));
