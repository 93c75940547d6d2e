/**
 * vendor/modules.txt, read and edited the way `go mod vendor` (Go ≥ 1.17) writes it. A replaced
 * module's line becomes `# golang.org/x/sys v0.3.0 => ./third_party/golang.org/x/sys`, and
 * wildcard or unused replacements from go.mod are listed again, in go.mod order, as bare
 * `# old => new` lines at the end: without them `go build -mod=vendor` reports
 * "is replaced in go.mod, but not marked as replaced in vendor/modules.txt".
 */
import type { GoModJson, GoModModule } from "./go.ts";

export const XSYS = "golang.org/x/sys";

export interface VendoredModule {
  readonly path: string;
  readonly version: string;
  /** The right-hand side of ` => ` when the module line records a replacement. */
  readonly replacement?: string;
  /** From the `## explicit; go 1.17` marker. */
  readonly goVersion?: string;
  readonly explicit: boolean;
  readonly packages: readonly string[];
}

const moduleLine = /^# (\S+) (v\S+)(?: => (.+))?$/;

export function parseModulesTxt(text: string): VendoredModule[] {
  const mods: {
    path: string;
    version: string;
    replacement?: string;
    goVersion?: string;
    explicit: boolean;
    packages: string[];
  }[] = [];
  for (const line of text.split("\n")) {
    const m = moduleLine.exec(line);
    if (m !== null) {
      mods.push({
        path: m[1]!,
        version: m[2]!,
        ...(m[3] === undefined ? {} : { replacement: m[3] }),
        explicit: false,
        packages: [],
      });
      continue;
    }
    const cur = mods[mods.length - 1];
    if (cur === undefined || line === "" || (line.startsWith("# ") && line.includes(" => "))) continue;
    if (line.startsWith("## ")) {
      for (const part of line
        .slice(3)
        .split(";")
        .map((p) => p.trim())) {
        if (part === "explicit") cur.explicit = true;
        else if (part.startsWith("go ")) cur.goVersion = part.slice(3);
      }
    } else if (!line.startsWith("#")) cur.packages.push(line);
  }
  return mods;
}

function spell(m: GoModModule): string {
  return m.Version === undefined || m.Version === "" ? m.Path : `${m.Path} ${m.Version}`;
}

/**
 * modules.txt after go.mod became `goMod`: x/sys's module line names `replacement` (or none),
 * and the trailing replacement lines are rebuilt from go.mod's replace list.
 */
export function editModulesTxt(text: string, goMod: GoModJson, replacement: string | undefined): string {
  const lines = text.endsWith("\n") ? text.slice(0, -1).split("\n") : text.split("\n");
  // The trailing block: module-style lines followed by nothing (go writes those only for replacements).
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.startsWith("# ")) end -= 1;
  const body = lines.slice(0, end).map((line) => {
    const m = moduleLine.exec(line);
    if (m === null || m[1] !== XSYS) return line;
    return replacement === undefined ? `# ${XSYS} ${m[2]!}` : `# ${XSYS} ${m[2]!} => ${replacement}`;
  });
  const written = new Set(
    body
      .map((l) => moduleLine.exec(l))
      .filter((m) => m !== null && m[3] !== undefined)
      .map((m) => `${m![1]!} ${m![2]!}`),
  );
  const trailing: string[] = [];
  for (const r of goMod.Replace ?? []) {
    if (r.Old.Version !== undefined && r.Old.Version !== "" && written.has(`${r.Old.Path} ${r.Old.Version}`)) continue;
    trailing.push(`# ${spell(r.Old)} => ${spell(r.New)}`);
  }
  return `${[...body, ...trailing].join("\n")}\n`;
}
