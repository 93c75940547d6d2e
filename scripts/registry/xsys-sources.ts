/**
 * The golang.org/x/sys module versions the registry reads as observations (the `go` rows of inputs.tsv), one
 * per Linux version their Docker build (`unix/linux/Dockerfile`, `git clone --branch v<linux>`) generated every
 * `zsysnum_linux_<goarch>.go` from; downloaded by the registry build with `go mod download`.
 * Starts at Linux 4.20: the 2018 versions (Dockerfile v4.18, v4.19) still carry files made by the
 * older mksysnum.pl, some by hand from other headers (sparc64: `mksysnum_linux.pl -Ilinux/usr/include`),
 * so their Linux version is not the Dockerfile's; the mksysnum.go rewrite regenerated every file.
 */
import { inputRows } from "./input-table.ts";

export interface XsysSource {
  /** Module version as the Go module proxy names it. */
  readonly version: string;
  /** The `--branch` tag of the Dockerfile's Linux clone, without `v` (e.g. `4.19`, `5.19-rc2`). */
  readonly linux: string;
  /** The go.sum `h1:` hash `go mod download` must report. */
  readonly sum: string;
}

/** The `go` rows of scripts/registry/inputs.tsv. */
export const xsysSources: readonly XsysSource[] = inputRows("go").map((r) => ({
  version: r.version,
  linux: r.series as string,
  sum: r.pin,
}));

/** The Linux tag a Dockerfile clones: `RUN git clone --branch v6.6 --depth 1 …/linux`. */
export function dockerLinux(dockerfile: string): string | undefined {
  const m = /^RUN git clone --branch v(\S+) --depth 1 \S+\/linux\s*$/m.exec(dockerfile);
  return m?.[1];
}
