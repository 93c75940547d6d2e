/**
 * The kernel release an input states: package metadata, else `linux/version.h`, else the
 * top-level kernel Makefile (plus RHEL's RHEL_RELEASE, in the Makefile on RHEL 7 and in
 * Makefile.rhelver from RHEL 8).
 */
import type { HeaderBundle } from "./bundle.ts";
import { NeedsTreeSitter, type CEngine } from "./c/engine.ts";
import type { MacroTable } from "./c/macros.ts";

function macroNumber(engine: CEngine, macros: MacroTable, name: string): number | undefined {
  const macro = macros.get(name);
  if (!macro || macro.params) return undefined;
  try {
    return Number(engine.evaluate(engine.tokens(macro.value), macros, true));
  } catch (e) {
    // The line engine declining is no answer: tree-sitter's is.
    if (e instanceof NeedsTreeSitter) throw e;
    return undefined;
  }
}

/** "a.b.c" from a `linux/version.h` text. */
function versionFromVersionH(engine: CEngine, path: string, text: string): string | undefined {
  const { macros } = engine.preprocess(path, { files: new Map([[path, text]]) });
  // 5.x+ headers spell the parts out; LINUX_VERSION_CODE caps the sublevel at 255 (4.9.256+).
  const major = macroNumber(engine, macros, "LINUX_VERSION_MAJOR");
  const patch = macroNumber(engine, macros, "LINUX_VERSION_PATCHLEVEL");
  const sub = macroNumber(engine, macros, "LINUX_VERSION_SUBLEVEL");
  if (major !== undefined && patch !== undefined && sub !== undefined) return `${major}.${patch}.${sub}`;
  const code = macroNumber(engine, macros, "LINUX_VERSION_CODE");
  if (code === undefined) return undefined;
  return `${code >> 16}.${(code >> 8) & 0xff}.${code & 0xff}`;
}

/** `NAME = value` assignments of a Makefile (make syntax, not C). */
function makeVariables(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^([A-Z_]+)\s*[:?]?=\s*(.*?)\s*$/.exec(line);
    if (m && !vars.has(m[1] as string)) vars.set(m[1] as string, m[2] as string);
  }
  return vars;
}

/** "3.10.0-1160.el7", "4.18.0-348.2.1.el8" or "6.1.20" from a kernel Makefile (+ Makefile.rhelver). */
export function versionFromMakefile(makefile: string, rhelver?: string): string | undefined {
  const vars = makeVariables(makefile);
  for (const [k, v] of makeVariables(rhelver ?? "")) vars.set(k, v);
  const [version, patch] = [vars.get("VERSION"), vars.get("PATCHLEVEL")];
  if (!version || !patch || !/^\d+$/.test(version) || !/^\d+$/.test(patch)) return undefined;
  const sub = /^\d+$/.test(vars.get("SUBLEVEL") ?? "") ? (vars.get("SUBLEVEL") as string) : "0";
  const base = `${version}.${patch}.${sub}`;
  const rhelRelease = vars.get("RHEL_RELEASE");
  const rhelMajor = vars.get("RHEL_MAJOR");
  if (rhelRelease && rhelMajor) return `${base}-${rhelRelease}.el${rhelMajor}`;
  return base + (vars.get("EXTRAVERSION") ?? "");
}

/** The kernel version of a bundle, or undefined when nothing in it states one. */
export function detectKernelVersion(engine: CEngine, bundle: HeaderBundle): string | undefined {
  if (bundle.packageVersion) return bundle.packageVersion;
  const paths = [...bundle.files.keys()].sort((a, b) => a.length - b.length || a.localeCompare(b));
  for (const path of paths.filter((p) => /(^|\/)linux\/version\.h$/.test(p))) {
    const v = versionFromVersionH(engine, path, bundle.files.get(path) as string);
    if (v) return v;
  }
  for (const path of paths.filter((p) => /^([^/]+\/)?Makefile$/.test(p))) {
    const v = versionFromMakefile(bundle.files.get(path) as string, bundle.files.get(`${path}.rhelver`));
    if (v) return v;
  }
  return undefined;
}
