/**
 * `xsysgen kernels [<release|distro>] [--arch …] [--json]`: the vanilla releases and RHEL builds the
 * embedded registry has, with the arches each covers. A filter narrows the listing: a kernel as
 * `--kernel` takes it (`3.10`, `6.1.20`, `centos7`, `5.14.0-427.13.1.el9_4.x86_64`) shows that kernel —
 * what it resolves to, and for a vanilla release which cells are derived and what they leave out — a
 * distro family or major (`rhel`, `rocky9`, `centos-stream`) its builds; `--arch` keeps what covers those
 * arches. Text fits the screen (120 columns when stdout is not a terminal).
 */
import { kernels, type KernelListing, type TargetName } from "xsysgen";
import { parseStrict, stringArg } from "../args.ts";
import type { CliIo } from "../io.ts";
import { outputWidth, renderColumns, wrapText } from "../layout.ts";
import { printJson } from "../target-flags.ts";

type Vanilla = KernelListing["vanilla"][number];
type Distro = KernelListing["distros"][number];

export async function kernelsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseStrict("kernels", argv);
  const arch = stringArg(parsed, "arch");
  const filter = parsed._[0];
  const listing = kernels({ ...(filter === undefined ? {} : { filter }), ...(arch === undefined ? {} : { arch }) });
  if (parsed.json === true) {
    printJson(io, listing);
    return 0;
  }
  const resolved = listing.resolved;
  const width = outputWidth(io.stdout as { isTTY?: boolean; columns?: number });
  const out: string[] = [];
  const say = (text: string, indent = "  ") => out.push(...wrapText(text, width, indent));
  // What a kernel filter resolved to, unless it named a release as the registry names it (`6.1`).
  if (resolved !== null && resolved.input.trim() !== resolved.name) {
    say(
      `${resolved.input.trim()} → ` +
        (resolved.kind === "distro" ? `${resolved.release} (${resolved.name})` : `vanilla Linux ${resolved.series}`) +
        (resolved.machineArches === null ? "" : `, on ${resolved.machineArches.join(" ")}`),
    );
    if (resolved.note !== null) say(`  note: ${resolved.note}`, "    ");
  }
  if (listing.vanilla.length > 0)
    out.push(...vanillaLines(listing.vanilla, listing.newest, width, parsed._[0] !== undefined));
  if (listing.distros.length > 0) out.push(...distroLines(listing.distros, width, parsed._[0] === undefined));
  if (listing.vanilla.length === 0 && listing.distros.length === 0) say("nothing in the registry matches");
  io.stdout.write(`${out.join("\n")}\n`);
  return 0;
}

function mark(v: Vanilla, t: TargetName): string {
  if (!v.derived.includes(t)) return "";
  return v.uncertain.some((u) => u.target === t) ? "+" : "*";
}

function vanillaLines(vanilla: readonly Vanilla[], newest: string, width: number, detailed: boolean): string[] {
  const out = wrapText(
    `vanilla kernels (newest ${newest}), with the arches each has a table for ` +
      "(* derived: no complete table of that release and arch was read; + and leaving out entries it cannot place):",
    width,
  );
  out.push(
    ...renderColumns(
      vanilla.map((v) => ["  " + v.series, v.targets.map((t) => t + mark(v, t)).join(" ") || "-"]),
      width,
    )
      .trimEnd()
      .split("\n"),
  );
  if (detailed) {
    // One release asked for: what each derived cell leaves out.
    for (const v of vanilla)
      for (const u of v.uncertain)
        out.push(
          ...wrapText(
            `  ${v.series} ${u.target} leaves out ${u.entries.map((e) => `${e.name} (first ${e.first})`).join(", ")}`,
            width,
            "    ",
          ),
        );
  } else {
    out.push(
      ...wrapText(
        "  (`xsysgen kernels <release>` names what a derived table leaves out; " +
          "`xsysgen show <syscall> --evidence` what places its first kernel)",
        width,
        "   ",
      ),
    );
  }
  return out;
}

function distroLines(distros: readonly Distro[], width: number, everything: boolean): string[] {
  const out = wrapText(
    "RHEL builds, one per minor release, each table its own tree's (CentOS, Rocky Linux, AlmaLinux and " +
      "Oracle Linux's Red Hat compatible kernel run the same kernels):",
    width,
  );
  out.push(
    ...renderColumns(
      distros.map((d) => {
        const missing = d.builtFor.filter((t) => !d.targets.includes(t));
        const note = missing.length === 0 ? "" : ` (no ${missing.join(", ")} files in the data)`;
        return ["  " + d.release, d.name, d.targets.join(" ") + note];
      }),
      width,
    )
      .trimEnd()
      .split("\n"),
  );
  if (!everything) return out;
  for (const line of [
    "names: rhel, centos, rocky, alma, ol + <major>[.<minor>] (rhel8.10, rocky9), centos-stream<major>; " +
      "a major alone is its newest build here",
    "a RHEL-family uname -r resolves by its dist tag (el8_10) or release number (4.18.0-553.el8); a minor " +
      "without a build uses the nearest one before it, never a newer one (a note says so)",
    "other distros' uname -r (Ubuntu, Debian, Amazon Linux, SUSE, Fedora, Arch, Alpine, WSL, Oracle UEK) use " +
      "their vanilla x.y, with a note; `--kernel host` is this machine's",
  ])
    out.push(...wrapText(`  ${line}`, width, "    "));
  return out;
}
