/**
 * `#include` resolution inside a HeaderBundle (never the host filesystem). Installed headers
 * keep `asm/`, `asm-generic/` and `linux/` under one include root, so `<asm/unistd_64.h>`
 * first resolves against the root of the file that includes it.
 */

const rootDirs = ["asm", "asm-generic", "linux"];

/** The include root of a header path: the prefix before its `asm/`, `asm-generic/` or `linux/` dir. */
function includeRoot(path: string): string | undefined {
  const parts = path.split("/");
  for (let i = parts.length - 2; i >= 0; i--) {
    if (rootDirs.includes(parts[i] as string))
      return parts
        .slice(0, i)
        .map((p) => `${p}/`)
        .join("");
  }
  return undefined;
}

function dirname(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash + 1);
}

function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return out.join("/");
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * The bundle path `spec` names when included from `includer`: quoted includes look in the
 * includer's directory first; then the includer's include root, then `includeDirs`, then the
 * bundle file ending in `/<spec>` whose path shares the longest prefix with the includer
 * (the nearest sibling tree, e.g. `usr/include/asm-generic/` for a multiarch `usr/include/<triplet>/asm/`).
 */
export function resolveInclude(
  files: ReadonlyMap<string, string>,
  includer: string,
  spec: string,
  quoted: boolean,
  includeDirs: readonly string[],
): string | undefined {
  const candidates: string[] = [];
  if (quoted) candidates.push(dirname(includer) + spec);
  const root = includeRoot(includer);
  if (root !== undefined) candidates.push(root + spec);
  for (const dir of includeDirs) candidates.push(dir === "" || dir.endsWith("/") ? dir + spec : `${dir}/${spec}`);
  for (const c of candidates) {
    const path = normalizePath(c);
    if (files.has(path)) return path;
  }
  const wanted = normalizePath(spec);
  let best: string | undefined;
  let bestScore = -1;
  for (const path of [...files.keys()].sort()) {
    if (path !== wanted && !path.endsWith(`/${wanted}`)) continue;
    const score = commonPrefixLength(path, includer);
    if (score > bestScore) [best, bestScore] = [path, score];
  }
  return best;
}
