/**
 * The hand-off between the reader (files, archives, packages) and the parser: only the files
 * that can carry syscall numbers or a kernel version, as text, keyed by their POSIX path inside
 * the input (no leading "./" or "/").
 */
export interface HeaderBundle {
  /** What the user passed, as they spelled it (used in messages). */
  readonly origin: string;
  readonly files: ReadonlyMap<string, string>;
  /** Version from package metadata: deb `Version:` upstream part, rpm `version-release`. */
  readonly packageVersion?: string;
}

const relevantPatterns: readonly RegExp[] = [
  // installed headers, any prefix (usr/include, usr/<triplet>/include, sysroots, sabotage's x86/include)
  /(^|\/)asm(-generic)?\/unistd[^/]*\.h$/,
  /(^|\/)asm\/bitsperlong\.h$/,
  /(^|\/)linux\/version\.h$/,
  // kernel source trees
  /(^|\/)arch\/[^/]+\/include\/(uapi\/)?asm\/unistd[^/]*\.h$/,
  /(^|\/)arch\/[^/]+\/(entry\/|kernel\/)?syscalls\/[^/]+\.tbl$/,
  /(^|\/)arch\/[^/]+\/tools\/[^/]*\.tbl$/,
  /(^|\/)arch\/[^/]+\/kernel\/Makefile\.syscalls$/,
  /(^|\/)scripts\/syscall\.tbl$/,
  /(^|\/)include\/(uapi\/)?asm-generic\/unistd\.h$/,
  /^([^/]+\/)?Makefile(\.rhelver)?$/,
];

/**
 * The last component every pattern above ends in: one test that turns away almost every entry
 * of a package or kernel tree (~80,000 in a kernel tarball) before the ten full ones.
 */
const relevantBaseName = /(^|\/)(unistd[^/]*\.h|bitsperlong\.h|version\.h|[^/]*\.tbl|Makefile(\.syscalls|\.rhelver)?)$/;

/** Whether a reader should keep this path of the input. */
export function isRelevantPath(path: string): boolean {
  return relevantBaseName.test(path) && relevantPatterns.some((re) => re.test(path));
}
