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
  io.stdout.write(`vanilla kernels (newest ${listing.newest}); arches with a table:\n`);
  io.stdout.write(renderColumns(listing.vanilla.map((v) => ["  " + v.series, v.targets.join(" ") || "-"])));
  io.stdout.write("\ndistro builds:\n");
  io.stdout.write(renderColumns(listing.distros.map((d) => ["  " + d.name, `base ${d.base}`, d.aliases.join(",") || "-", d.targets.join(" "), d.limits])));
  return 0;
}
