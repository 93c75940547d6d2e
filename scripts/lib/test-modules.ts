/**
 * Every Go module version the tests read from the Go module proxy, in one place, so that
 * scripts/fetch-test-inputs.ts downloads them (and the corpus modules' dependencies) into .cache/gomod
 * at install time and no test spends its own time fetching: the real modules check-corpus.test.ts
 * runs check, apply and revert on, pinned by version and go.sum hash; the golang.org/x/sys versions
 * the writer's test modules require; one x/sys version per header era for the generator's tests.
 */
export interface ModulePin {
  readonly path: string;
  readonly version: string;
  /** go.sum's h1: hash of the module zip. */
  readonly sum: string;
}

export const RUNC: ModulePin = {
  path: "github.com/opencontainers/runc",
  version: "v1.0.0",
  sum: "h1:QOhAQAYUlKeofuyeKdR6ITvOnXLPbEAjPMjz9wCUXcU=",
};
export const EBPF: ModulePin = {
  path: "github.com/cilium/ebpf",
  version: "v0.4.0",
  sum: "h1:QlHdikaxALkqWasW8hAC1mfR0jdmvbfaBdBPFmRSglA=",
};
export const CONSOLE: ModulePin = {
  path: "github.com/containerd/console",
  version: "v1.0.1",
  sum: "h1:u7SFAJyRqWcG6ogaMAx3KjSTy1e3hT9QxqX7Jco7dRc=",
};
export const PTY: ModulePin = {
  path: "github.com/creack/pty",
  version: "v1.1.11",
  sum: "h1:07n33Z8lZxZ2qwegKbObQohDhXDQxiMMz1NOUGYlesw=",
};
export const RUNC_114: ModulePin = {
  path: "github.com/opencontainers/runc",
  version: "v1.1.4",
  sum: "h1:nRCz/8sKg6K6jgYAFLDlXzPeITBZJyX28DBVhWD+5dg=",
};
export const GO_FUSE: ModulePin = {
  path: "github.com/hanwen/go-fuse/v2",
  version: "v2.1.0",
  sum: "h1:+32ffteETaLYClUj0a3aHjZ1hOPxxaNEHiZiujuDaek=",
};
export const SECUREJOIN: ModulePin = {
  path: "github.com/cyphar/filepath-securejoin",
  version: "v0.3.6",
  sum: "h1:4d9N5ykBnSp5Xn2JkhocYDkOpURL/18CYMpo6xB9uWM=",
};
export const TIMES: ModulePin = {
  path: "github.com/djherbis/times",
  version: "v1.6.0",
  sum: "h1:w2ctJ92J8fBvWPxugmXIv7Nz7Q3iDMKNx9v5ocVH20c=",
};
export const STORAGE: ModulePin = {
  path: "github.com/containers/storage",
  version: "v1.20.2",
  sum: "h1:tw/uKRPDnmVrluIzer3dawTFG/bTJLP8IEUyHFhltYk=",
};

/** Every module of the corpus. */
export const corpusModules: readonly ModulePin[] = [
  RUNC,
  EBPF,
  CONSOLE,
  PTY,
  RUNC_114,
  GO_FUSE,
  SECUREJOIN,
  TIMES,
  STORAGE,
];

/**
 * The corpus modules check-corpus.test.ts applies to, builds and vets: scripts/warm-go-cache.ts
 * compiles and vets their dependencies once at install (the module cache's paths are fixed, so Go's
 * build cache serves them to the tests' copies).
 */
export const builtCorpusModules: readonly ModulePin[] = [RUNC, EBPF, CONSOLE];

/** golang.org/x/sys as Debian bookworm vendors it (golang-golang-x-sys-dev): the writer tests' vendored copy. */
export const XSYS_VENDORED = "v0.3.0";
/** A recent x/sys the writer tests patch in the module cache. */
export const XSYS_RECENT = "v0.30.0";
/** A 2019 x/sys, from before most of the constants a patch adds. */
export const XSYS_2019 = "v0.0.0-20190624142023-c5567b49c5d0";

/**
 * One golang.org/x/sys version per header era, with the era FACTS.md dates it to. No 2014 file
 * is reachable: the proxy serves pre-module commits only under pseudo-versions already known to
 * it, and none from 2014 is listed here.
 */
export const eraVersions: readonly { version: string; era: string }[] = [
  { version: "v0.0.0-20160717071931-a646d33e2ee3", era: "2015" },
  { version: "v0.0.0-20170830134202-bb24a47a89ea", era: "2017-03" },
  { version: "v0.0.0-20190215142949-d0b11bdaac8a", era: "2018-11" },
  { version: "v0.0.0-20220722155257-8c9f86f7a55f", era: "2021-02" },
  { version: "v0.1.0", era: "2022-07" },
  { version: "v0.14.0", era: "v0.14" },
  { version: "v0.50.0", era: "v0.14" },
];

/** Every golang.org/x/sys version above. */
export const testXsysVersions: readonly string[] = [
  XSYS_VENDORED,
  XSYS_RECENT,
  XSYS_2019,
  ...eraVersions.map((e) => e.version),
];
