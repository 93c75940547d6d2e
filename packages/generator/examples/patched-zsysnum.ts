// The patched amd64 zsysnum file for CentOS 7.9 against Linux 7.1, and the C fallback header
// (run: pnpm exec tsx packages/generator/examples/patched-zsysnum.ts).
import { getTable, sinceOf } from "@xsysgen/kernels";
import { mergeForPatch, missingSyscalls, renderFallbackHeader, renderZsysnumGo } from "../src/index.ts";

const target = getTable("centos7", "amd64");
const reference = getTable("7.1", "amd64");
const merged = mergeForPatch(target, reference, {
  targetLabel: "centos7",
  sinceOf: (name) => sinceOf(name, "amd64")?.text,
});
const go = renderZsysnumGo(merged.table, { command: "example", annotations: merged.annotations });
console.log(
  go
    .split("\n")
    .filter((line) => line.includes("SYS_STATX"))
    .join("\n"),
);
const missing = missingSyscalls(target, reference);
const header = renderFallbackHeader({
  command: "example",
  targetLabel: "centos7",
  referenceLabel: "7.1",
  arches: [{ target: "amd64", missing }],
});
console.log(`${missing.length} fallbacks; ${header.split("\n").length} lines of C`);
