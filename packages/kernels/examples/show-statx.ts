// Is statx in RHEL 7.9, and since which vanilla kernel is it on each arch?
// Run: pnpm exec tsx packages/kernels/examples/show-statx.ts
import { describeCell, getTable, kernelTargets, resolveKernel, showSyscall } from "../src/index.ts";

const statx = showSyscall("statx", ["amd64", "386", "arm64", "ppc64le"]);
for (const a of statx.arches)
  console.log(
    `${a.target} ${a.number} since ${a.since.text}${a.evidence.placed ? "" : " (not placed to one release)"}`,
  );
for (const d of statx.distros) console.log(`${d.name}: ${JSON.stringify(d.has)}`);
// What RHEL 7.9 adds over vanilla 3.10 on amd64 (its backports), by number.
const vanilla = new Set(getTable("3.10.0", "amd64").entries.map((e) => e.name));
console.log(
  `centos7 backports: ${getTable("centos7", "amd64")
    .entries.filter((e) => !vanilla.has(e.name))
    .map((e) => `${e.number} ${e.name}`)
    .join(", ")}`,
);
// A machine's `uname -r` names its table and arches; a kernel the registry has no build of gets a note.
for (const uname of ["4.18.0-553.16.1.el8_10.x86_64", "3.10.0-957.27.2.el7.x86_64", "5.15.0-91-generic"]) {
  const ref = resolveKernel(uname);
  console.log(
    `${uname} -> ${ref.release ?? `Linux ${ref.series}`} [${kernelTargets(ref).join(" ")}] ${ref.note ?? ""}`,
  );
}
const cell = describeCell("6.17", "amd64");
console.log(`6.17 amd64 is ${cell.kind}; unplaced: ${cell.uncertain.map((u) => `${u.name} (${u.first})`).join(", ")}`);
