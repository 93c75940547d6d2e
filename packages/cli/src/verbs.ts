/**
 * One definition per verb: its synopsis, positionals and flags (name, type, short alias, value
 * placeholder, description). The same data drives parsing (args.ts), unknown-flag errors, the
 * global and per-verb `--help` (help.ts) and the README's "Commands" block, which a test compares.
 * Data only: this module loads at start-up, the commands' modules when they run.
 */

interface FlagDef {
  readonly type: "string" | "boolean";
  /** One-letter alias (`-k`), only where users expect one. */
  readonly short?: string;
  /** Placeholder shown in help: `--kernel <version|alias>`. */
  readonly value?: string;
  readonly description: string;
}

export interface VerbDef {
  readonly name: VerbName;
  readonly summary: string;
  /** Usage lines as the help and the README print them, without the leading `xsysgen `. */
  readonly synopsis: readonly string[];
  readonly positionals: readonly { readonly name: string; readonly description: string }[];
  readonly flags: Readonly<Record<string, FlagDef>>;
}

export type VerbName = "gen" | "diff" | "show" | "kernels" | "apply" | "check";

const help: FlagDef = { type: "boolean", short: "h", description: "print this verb's usage and exit" };
const json: FlagDef = { type: "boolean", description: "print a JSON document instead of text" };
const kernel: FlagDef = {
  type: "string",
  short: "k",
  value: "<version|alias>",
  description:
    "target kernel from the embedded registry: a release (3.10, 6.1.20), a uname -r " +
    "(4.18.0-553.el8_10.x86_64, 5.15.0-91-generic), a name (centos7, rhel8.10, rocky9) or host (this machine)",
};
const headers: FlagDef = {
  type: "string",
  value: "<path>",
  description: "target headers: a directory, unistd*.h, syscall_*.tbl, kernel tree, tarball, .deb or .rpm",
};
const arch: FlagDef = {
  type: "string",
  short: "a",
  value: "<arch>[,…]|all",
  description: "arches to cover (Go names or the aliases below); default: every arch the target serves",
};
const reference: FlagDef = {
  type: "string",
  value: "<version|path>",
  description: "what the patch adds syscalls from; default: the registry's newest table per arch",
};
const prefer: FlagDef = {
  type: "string",
  value: "target|reference",
  description: "which number wins where target and reference disagree",
};
const moduleDir: FlagDef = { type: "string", value: "<dir>", description: "the Go module (default: .)" };

export const verbs: readonly VerbDef[] = [
  {
    name: "gen",
    summary: "write x/sys zsysnum files, a C fallback header and syscalls.json for a target kernel",
    synopsis: [
      "gen (--kernel <version|alias> | --headers <path>) [--arch <arch>[,…]|all] [--exact]",
      "    [--out <dir>] [--reference <version|path>] [--prefer target|reference] [--like <zsysnum file>] [--json]",
    ],
    positionals: [],
    flags: {
      kernel,
      headers,
      arch,
      exact: {
        type: "boolean",
        description: "exactly what golang.org/x/sys's mksysnum prints for these headers (Go files only)",
      },
      out: {
        type: "string",
        short: "o",
        value: "<dir>",
        description: "output directory (default: xsysgen-out); written all at once or not at all",
      },
      reference,
      prefer,
      like: {
        type: "string",
        value: "<zsysnum file>",
        description: "match that file's header era and keep every constant it has",
      },
      json,
      help,
    },
  },
  {
    name: "diff",
    summary: "compare the syscall tables of two kernels or header sets",
    synopsis: [
      "diff <from> <to> [--arch …] [--format text|markdown|json|html] [--json]",
      "     [--kernels a,b,…] [--out <file>] [--exit-code]",
    ],
    positionals: [
      { name: "from", description: "a kernel version/alias or a headers path" },
      { name: "to", description: "a kernel version/alias or a headers path" },
    ],
    flags: {
      arch,
      format: {
        type: "string",
        short: "f",
        value: "text|markdown|json|html",
        description: "output format (default: what --out's extension names, else text)",
      },
      kernels: {
        type: "string",
        value: "a,b,…",
        description: "more than two columns (with --format html) instead of <from> <to>",
      },
      out: {
        type: "string",
        short: "o",
        value: "<file>",
        description: "write to this file (atomically) instead of stdout",
      },
      "exit-code": { type: "boolean", description: "exit 1 when there are differences, like git diff --exit-code" },
      json: { type: "boolean", description: "the same as --format json" },
      help,
    },
  },
  {
    name: "show",
    summary: "one syscall across arches and distro builds",
    synopsis: ["show <syscall-name|number> [--arch …] [--evidence] [--json]"],
    positionals: [
      { name: "syscall", description: "a syscall name (statx, SYS_STATX, __NR_statx, any case) or number (332)" },
    ],
    flags: {
      arch,
      evidence: { type: "boolean", description: "under each arch, the tables that place its first kernel" },
      json,
      help,
    },
  },
  {
    name: "kernels",
    summary: "the kernels, distro builds and aliases the embedded registry covers, per arch",
    synopsis: ["kernels [<release|distro>] [--arch …] [--json]"],
    positionals: [
      {
        name: "release|distro",
        description: "only this kernel (3.10, centos7, a uname -r) or distro family (rhel, rocky9, centos-stream)",
      },
    ],
    flags: { arch: { ...arch, description: "only what covers these arches" }, json, help },
  },
  {
    name: "apply",
    summary: "patch a Go module's golang.org/x/sys copy for a target kernel (or undo it)",
    synopsis: [
      "apply (--kernel <v> | --headers <path>) [--module <dir>] [--dest <dir>] [--arch …]",
      "      [--reference <version|path>] [--prefer target|reference] [--dry-run] [--allow-broken-build] [--json]",
      "apply --revert [--module <dir>] [--json]",
    ],
    positionals: [],
    flags: {
      kernel,
      headers,
      module: moduleDir,
      dest: {
        type: "string",
        value: "<dir>",
        description: "where the patched copy goes (default: third_party/golang.org/x/sys)",
      },
      arch,
      reference,
      prefer,
      "dry-run": { type: "boolean", description: "print the diff, change nothing" },
      "allow-broken-build": {
        type: "boolean",
        description: "apply even when the module does not build before (only new build failures then fail it)",
      },
      revert: { type: "boolean", description: "undo the last apply, byte for byte" },
      json,
      help,
    },
  },
  {
    name: "check",
    summary: "what in a Go module (and its C) fails on the target kernel: at build time, or at run time (ENOSYS)",
    synopsis: [
      "check (--kernel <v> | --headers <path>) [--module <dir>] [--arch …|all]",
      "      [--reference …] [--include-deps] [--json]",
    ],
    positionals: [],
    flags: {
      kernel,
      headers,
      module: moduleDir,
      arch,
      reference,
      "include-deps": {
        type: "boolean",
        description: "also scan the dependencies: a complete vendor/, else the module cache (go list -deps)",
      },
      json,
      help,
    },
  },
];

export function findVerb(name: string): VerbDef | undefined {
  return verbs.find((v) => v.name === name);
}
