/**
 * The golang.org/x/sys module versions the registry reads as observations, one per Linux version
 * their Docker build (`unix/linux/Dockerfile`, `git clone --branch v<linux>`) generated every
 * `zsysnum_linux_<goarch>.go` from; downloaded by the registry build with `go mod download`.
 * Starts at Linux 4.20: the 2018 versions (Dockerfile v4.18, v4.19) still carry files made by the
 * older mksysnum.pl, some by hand from other headers (sparc64: `mksysnum_linux.pl -Ilinux/usr/include`),
 * so their Linux version is not the Dockerfile's; the mksysnum.go rewrite regenerated every file.
 */

export interface XsysSource {
  /** Module version as the Go module proxy names it. */
  readonly version: string;
  /** The `--branch` tag of the Dockerfile's Linux clone, without `v` (e.g. `4.19`, `5.19-rc2`). */
  readonly linux: string;
}

export const xsysSources: readonly XsysSource[] = [
  { version: "v0.0.0-20190215142949-d0b11bdaac8a", linux: "4.20" },
  { version: "v0.0.0-20190412213103-97732733099d", linux: "5.0" },
  { version: "v0.0.0-20190624142023-c5567b49c5d0", linux: "5.1" },
  { version: "v0.0.0-20190813064441-fde4db37ae7a", linux: "5.2" },
  { version: "v0.0.0-20191026070338-33540a1f6037", linux: "5.3" },
  { version: "v0.0.0-20200116001909-b77594299b42", linux: "5.4" },
  { version: "v0.0.0-20200323222414-85ca7c5b95cd", linux: "5.5" },
  { version: "v0.0.0-20200519105757-fe76b779f299", linux: "5.6" },
  { version: "v0.0.0-20200625212154-ddb9806d33ae", linux: "5.7" },
  { version: "v0.0.0-20200930185726-fdedc70b468f", linux: "5.8" },
  { version: "v0.0.0-20201204225414-ed752295db88", linux: "5.9" },
  { version: "v0.0.0-20210124154548-22da62e12c0c", linux: "5.10" },
  { version: "v0.0.0-20210423082822-04245dca01da", linux: "5.11" },
  { version: "v0.0.0-20210630005230-0f9fa26af87c", linux: "5.12" },
  { version: "v0.0.0-20210823070655-63515b42dcdf", linux: "5.13" },
  { version: "v0.0.0-20211025201205-69cdffdb9359", linux: "5.14" },
  { version: "v0.0.0-20211216021012-1d35b9e2eb4e", linux: "5.15" },
  { version: "v0.0.0-20220319134239-a9b59b0215f8", linux: "5.16" },
  { version: "v0.0.0-20220412211240-33da011f77ad", linux: "5.17" },
  { version: "v0.4.0", linux: "5.19-rc2" },
  { version: "v0.5.0", linux: "6.1" },
  { version: "v0.8.0", linux: "6.2" },
  { version: "v0.11.0", linux: "6.4" },
  { version: "v0.13.0", linux: "6.5" },
  { version: "v0.14.0", linux: "6.6" },
  { version: "v0.17.0", linux: "6.7" },
  { version: "v0.20.0", linux: "6.8" },
  { version: "v0.21.0", linux: "6.9" },
  { version: "v0.23.0", linux: "6.10" },
  { version: "v0.26.0", linux: "6.11" },
  { version: "v0.28.0", linux: "6.12" },
  { version: "v0.30.0", linux: "6.13" },
  { version: "v0.32.0", linux: "6.14" },
  { version: "v0.35.0", linux: "6.16" },
  { version: "v0.45.0", linux: "7.0" },
];

/** The Linux tag a Dockerfile clones: `RUN git clone --branch v6.6 --depth 1 …/linux`. */
export function dockerLinux(dockerfile: string): string | undefined {
  const m = /^RUN git clone --branch v(\S+) --depth 1 \S+\/linux\s*$/m.exec(dockerfile);
  return m?.[1];
}
