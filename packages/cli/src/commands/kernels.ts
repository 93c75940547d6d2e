/** `xsysgen kernels [--json]`: versions, distro builds, aliases and the arches each covers. */
import { listKernels } from "@xsysgen/kernels";
import { parseStrict } from "../args.ts";
import type { CliIo } from "../io.ts";
import { renderColumns } from "./show.ts";
import { SCHEMA_VERSION } from "../schema-version.ts";

export async function kernelsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseStrict("kernels", argv);
  const listing = listKernels();
  if (parsed.json === true) {
    io.stdout.write(`${JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...listing }, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(
    `vanilla kernels (newest ${listing.newest}); arches with a table ` +
      "(* derived from the tables around it, + with entries it cannot place):\n",
  );
  const mark = (v: (typeof listing.vanilla)[number], t: string) =>
    v.uncertain.some((u) => u.target === t) && v.derived.includes(t as never)
      ? "+"
      : v.derived.includes(t as never)
        ? "*"
        : "";
  io.stdout.write(
    renderColumns(listing.vanilla.map((v) => ["  " + v.series, v.targets.map((t) => t + mark(v, t)).join(" ") || "-"])),
  );
  io.stdout.write(
    "  (`xsysgen kernels --json` lists every unplaced entry; " +
      "`xsysgen show <syscall>` gives the evidence for its first kernel)\n",
  );
  io.stdout.write("\ndistro builds:\n");
  io.stdout.write(
    renderColumns(
      listing.distros.map((d) => [
        "  " + d.name,
        `base ${d.base}`,
        d.aliases.join(",") || "-",
        d.targets.join(" "),
        d.limits,
      ]),
    ),
  );
  return 0;
}
