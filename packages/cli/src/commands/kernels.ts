/**
 * `xsysgen kernels [<release|distro>] [--arch …] [--json]`: the vanilla releases and RHEL builds the
 * embedded registry has, with the arches each covers. A filter narrows the listing: a kernel as
 * `--kernel` takes it (`3.10`, `6.1.20`, `centos7`, `5.14.0-427.13.1.el9_4.x86_64`) shows that kernel —
 * what it resolves to, and for a vanilla release which cells are derived and what they leave out — a
 * distro family or major (`rhel`, `rocky9`, `centos-stream`) its builds; `--arch` keeps what covers those
 * arches. Text fits the screen (120 columns when stdout is not a terminal).
 */
import { UsageError, XsysgenError, type TargetName } from "@xsysgen/core";
import { listKernels, resolveKernel, type KernelListing, type KernelRef } from "@xsysgen/kernels";
import { archList, parseStrict, stringArg } from "../args.ts";
import type { CliIo } from "../io.ts";
import { outputWidth, renderColumns, wrapText } from "../layout.ts";
import { SCHEMA_VERSION } from "../schema-version.ts";

type Vanilla = KernelListing["vanilla"][number];
type Distro = KernelListing["distros"][number];

/** A RHEL family name without a minor: its builds (`rhel`, `rocky9`, `centos-stream9`, `ol`). */
const familyPattern = /^(rhel|centos-stream|centos|rocky|alma|almalinux|ol|oracle)(\d+)?$/;

interface Filtered {
  readonly listing: KernelListing;
  /** What a kernel filter resolved to (shown above the rows). */
  readonly resolved?: KernelRef;
}

function filterListing(
  listing: KernelListing,
  filter: string | undefined,
  arches: readonly TargetName[] | undefined,
): Filtered {
  let vanilla = listing.vanilla;
  let distros = listing.distros;
  let resolved: KernelRef | undefined;
  if (filter !== undefined) {
    const family = familyPattern.exec(filter.trim().toLowerCase());
    if (family !== null) {
      const major = family[2];
      vanilla = [];
      distros = distros.filter((d) => major === undefined || d.minor.split(".")[0] === major);
    } else {
      try {
        resolved = resolveKernel(filter);
      } catch (error) {
        if (!(error instanceof XsysgenError)) throw error;
        throw new UsageError(
          `kernels: ${filter} names no kernel or distro the registry knows (${error.message}); ` +
            "expected a release (3.10), a kernel as --kernel takes it, or a family (rhel, rocky9)",
        );
      }
      const ref = resolved;
      vanilla = ref.kind === "vanilla" ? vanilla.filter((v) => v.series === ref.series) : [];
      distros = distros.filter((d) => (ref.kind === "distro" ? d.name === ref.name : d.base === ref.series));
    }
  }
  // A machine the kernel names (`.ppc64le`, Debian's `-arm64`) narrows the arches as --arch would.
  const only = arches ?? resolved?.machineTargets;
  if (only !== undefined) {
    const keep = (ts: readonly TargetName[]) => ts.filter((t) => only.includes(t));
    vanilla = vanilla
      .map((v) => ({
        ...v,
        targets: keep(v.targets),
        snapshotOf: keep(v.snapshotOf),
        derived: keep(v.derived),
        uncertain: v.uncertain.filter((u) => only.includes(u.target)),
      }))
      .filter((v) => v.targets.length > 0);
    distros = distros
      .filter((d) => keep(d.targets).length > 0)
      .map((d) => ({ ...d, targets: keep(d.targets), builtFor: keep(d.builtFor) }));
  }
  return { listing: { ...listing, vanilla, distros }, ...(resolved === undefined ? {} : { resolved }) };
}

export async function kernelsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseStrict("kernels", argv);
  const arch = archList(stringArg(parsed, "arch"));
  const { listing, resolved } = filterListing(listKernels(), parsed._[0], arch === "all" ? undefined : arch);
  if (parsed.json === true) {
    io.stdout.write(`${JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...listing }, null, 2)}\n`);
    return 0;
  }
  const width = outputWidth(io.stdout as { isTTY?: boolean; columns?: number });
  const out: string[] = [];
  const say = (text: string, indent = "  ") => out.push(...wrapText(text, width, indent));
  // What a kernel filter resolved to, unless it named a release as the registry names it (`6.1`).
  if (resolved !== undefined && resolved.input.trim() !== resolved.name) {
    say(
      `${resolved.input.trim()} → ` +
        (resolved.kind === "distro" ? `${resolved.release} (${resolved.name})` : `vanilla Linux ${resolved.series}`) +
        (resolved.machineTargets === undefined ? "" : `, on ${resolved.machineTargets.join(" ")}`),
    );
    if (resolved.note !== undefined) say(`  note: ${resolved.note}`, "    ");
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
      "(* derived from the tables around it, + leaving out entries it cannot place):",
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
