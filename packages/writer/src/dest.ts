/**
 * Where the patched copy goes and how the build finds it. Go refuses a `replace` target inside
 * vendor/ (vendor holds copies, not modules), and a copy outside the module would make go.mod
 * point off-tree, so both are rejected before anything is read or written.
 */
import { isAbsolute, relative, resolve, sep } from "node:path";
import { ModuleError } from "@xsysgen/core";

/** Where `apply` writes the patched x/sys copy, relative to the module root, unless told otherwise. */
export const DEFAULT_DEST = "third_party/golang.org/x/sys";

/** The copy's path relative to the module root, '/'-separated; throws ModuleError when unusable. */
export function resolveDest(moduleDir: string, dest: string): string {
  const root = resolve(moduleDir);
  const rel = relative(root, resolve(root, dest));
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new ModuleError(`--dest ${dest}: outside the module ${root} (expected a directory inside it)`);
  }
  const posix = rel.split(sep).join("/");
  if (posix === "vendor" || posix.startsWith("vendor/")) {
    throw new ModuleError(`--dest ${dest}: inside vendor/ (go does not allow a replace target there)`);
  }
  if (posix.split("/").some((part) => part.startsWith(".xsysgen"))) {
    throw new ModuleError(`--dest ${dest}: reserved for xsysgen's own files`);
  }
  return posix;
}

/** `go mod edit -replace` right-hand side: always "./"-relative, which go requires for local paths. */
export function replaceTarget(destRel: string): string {
  return `./${destRel}`;
}

/**
 * CGO_CFLAGS for the copy's include/ directory. cgo runs the C compiler in each package's own
 * directory, so a module-relative `-I` only works for packages at the module root; the portable
 * form asks the go command for the module root on the build host when the shell evaluates it.
 */
export function cgoCflags(
  moduleDir: string,
  destRel: string,
): { portable: string; host: string; exportLine: string; include: { absolute: string; moduleRelative: string } } {
  const portable = `-I$(dirname "$(go env GOMOD)")/${destRel}/include`;
  const absolute = resolve(moduleDir, destRel, "include");
  return {
    portable,
    host: `-I${absolute}`,
    exportLine: `export CGO_CFLAGS="${portable} $CGO_CFLAGS"`,
    include: { absolute, moduleRelative: `${destRel}/include` },
  };
}
