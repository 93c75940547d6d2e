/**
 * `xsysgen --help`, `xsysgen <verb> --help` and `--version`, rendered from the verb definitions
 * (verbs.ts) and the targets table's aliases, so help, parser and README cannot drift apart.
 */
import { targets } from "@xsysgen/core";
import { allSeries, newestKernel } from "xsysgen";
import cliPackage from "../package.json" with { type: "json" };
import { verbs, type VerbDef } from "./verbs.ts";

const version: string = cliPackage.version;

export function renderVersion(): string {
  return `xsysgen ${version}\n`;
}

/** The usage lines of every verb, as the README's "Commands" block shows them. */
export function renderSynopsis(): string {
  return verbs.flatMap((v) => v.synopsis.map(synopsisLine)).join("\n") + "\n";
}

/** A synopsis line; one starting with spaces continues the line above. */
function synopsisLine(line: string): string {
  return line.startsWith(" ") ? `        ${line}` : `xsysgen ${line}`;
}

/** `amd64 (x86_64, x86-64, x64)`, one arch per entry, wrapped. */
function renderArchList(indent = "  "): string {
  const entries = targets.map((t) => (t.aliases.length === 0 ? t.name : `${t.name} (${t.aliases.join(", ")})`));
  const lines: string[] = [];
  let line = "";
  for (const entry of entries) {
    const next = line === "" ? entry : `${line}, ${entry}`;
    if (next.length + indent.length > 100 && line !== "") {
      lines.push(`${line},`);
      line = entry;
    } else line = next;
  }
  lines.push(line);
  return lines.map((l) => indent + l).join("\n") + "\n";
}

// The registry's range comes from its data (a new release is a row of scripts/registry/inputs.tsv).
const kernelsNote =
  `Kernels: ${allSeries[0]} … ${newestKernel} (x.y or x.y.z), RHEL builds (3.10.0-1160.el7, uname -r forms, …) ` +
  "and aliases (centos7, rhel8, …);\n`xsysgen kernels` lists what the embedded registry covers per arch.";

const exitCodes =
  "Exit codes: 0 clean, 1 findings (check, diff --exit-code, a failed build after apply), " +
  "2 bad input, usage or environment.";

export function renderHelp(): string {
  return `xsysgen ${version} — Linux syscall numbers for old targets, in the formats Go and C builds use

Usage:
${renderSynopsis().replace(/^/gm, "  ").trimEnd()}
  xsysgen <command> --help | xsysgen --version

${kernelsNote}

Arches (any case; Go's name or an alias):
${renderArchList()}
${exitCodes}
`;
}

export function renderVerbHelp(verb: VerbDef): string {
  const rows: [string, string][] = [
    ...verb.positionals.map((p): [string, string] => [`<${p.name}>`, p.description]),
    ...Object.entries(verb.flags).map(([name, flag]): [string, string] => [
      `${flag.short === undefined ? "    " : `-${flag.short}, `}--${name}${flag.value === undefined ? "" : " "}` +
        (flag.value ?? ""),
      flag.description,
    ]),
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  const takesArch = "arch" in verb.flags;
  const takesKernel = "kernel" in verb.flags || verb.name === "diff";
  const archSection = `\nArches (any case; Go's name or an alias):\n${renderArchList()}`;
  return `xsysgen ${verb.name} — ${verb.summary}

Usage:
${verb.synopsis.map((line) => `  ${synopsisLine(line)}`).join("\n")}

${rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join("\n")}
${takesKernel ? `\n${kernelsNote}\n` : ""}${takesArch ? archSection : ""}
${exitCodes}
`;
}
