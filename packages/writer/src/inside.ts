/**
 * Every path apply and revert write, rename or delete must stay inside the module root. A path
 * is checked before the first write: not absolute, no `..` component, and no existing component
 * a symlink whose target (followed to the end, or read lexically when it dangles) lies outside
 * the root. `third_party -> /elsewhere` or `vendor -> /elsewhere` on an untrusted branch would
 * otherwise turn a CI job's apply into a write anywhere the job can reach. A symlink that stays
 * inside the module is followed. (A symlink swapped in after the check is not defended against:
 * that needs someone already able to write the module while xsysgen runs.)
 */
import { promises as fs } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { ModuleError } from "@xsysgen/core";

function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Where a symlink leads: its real path, or (dangling) its target resolved lexically. */
async function linkTarget(link: string): Promise<string> {
  try {
    return await fs.realpath(link);
  } catch {
    return resolve(dirname(link), await fs.readlink(link));
  }
}

/** Throws ModuleError (exit 2) naming the first of `paths` (module-relative) that leaves the module. */
export async function assertInside(moduleDir: string, paths: Iterable<string>): Promise<void> {
  const root = await fs.realpath(moduleDir);
  for (const rel of paths) {
    const parts = rel.split(/[\\/]/).filter((p) => p !== "" && p !== ".");
    if (isAbsolute(rel) || parts.includes("..")) {
      throw new ModuleError(`${rel}: outside the module ${moduleDir} (absolute or ".." path); refusing to write`);
    }
    let at = root;
    for (const [i, part] of parts.entries()) {
      const next = resolve(at, part);
      let st;
      try {
        st = await fs.lstat(next);
      } catch {
        break; // Absent: nothing below it exists either, and apply creates it as a plain directory or file.
      }
      if (!st.isSymbolicLink()) {
        at = next;
        continue;
      }
      const target = await linkTarget(next);
      if (!within(root, target)) {
        const prefix = parts.slice(0, i + 1).join("/");
        throw new ModuleError(
          `${rel}: ${prefix} is a symlink to ${target}, outside the module ${moduleDir}; refusing to write`,
        );
      }
      at = target;
    }
  }
}
