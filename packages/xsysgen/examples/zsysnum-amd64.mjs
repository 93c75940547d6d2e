// What `xsysgen gen --kernel 3.10.0` writes as zsysnum_linux_amd64.go, from the API: the 3.10
// table plus every syscall the newest kernel adds, each marked with the release that added it.
import { stdout } from "node:process";
import { getTable, mergeForPatch, newestKernel, renderZsysnumGo, resolveKernel, sinceOf } from "xsysgen";

const kernel = resolveKernel("3.10.0");
const merged = mergeForPatch(getTable("3.10.0", "amd64"), getTable(newestKernel, "amd64"), {
  targetLabel: kernel.name,
  sinceOf: (name) => sinceOf(name, "amd64")?.text,
});
stdout.write(
  renderZsysnumGo(merged.table, { command: "xsysgen gen --kernel 3.10.0", annotations: merged.annotations }),
);
