/** `xsysgen kernels [--json]`: versions, RHEL builds, names and the arches each covers. */
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
  io.stdout.write(
    "\nRHEL builds, one per minor release, each table its own tree's (CentOS, Rocky Linux, AlmaLinux and " +
      "Oracle Linux's Red Hat compatible kernel run the same kernels):\n",
  );
  io.stdout.write(
    renderColumns(
      listing.distros.map((d) => {
        const missing = d.builtFor.filter((t) => !d.targets.includes(t));
        const note = missing.length === 0 ? "" : ` (no ${missing.join(", ")} files in the data)`;
        return ["  " + d.release, d.name, d.targets.join(" ") + note];
      }),
    ),
  );
  io.stdout.write(
    "  names: rhel, centos, rocky, alma, ol + <major>[.<minor>] (rhel8.10, rocky9), centos-stream<major>; " +
      "a major alone is its newest build here\n" +
      "  a RHEL-family uname -r resolves by its dist tag (el8_10) or release number (4.18.0-553.el8); a minor " +
      "without a build uses the nearest one before it, never a newer one (a note says so)\n" +
      "  other distros' uname -r (Ubuntu, Debian, Amazon Linux, SUSE, Fedora, Arch, Alpine, WSL, Oracle UEK) use " +
      "their vanilla x.y, with a note; `--kernel host` is this machine's\n",
  );
  return 0;
}
