/**
 * The real Go modules check-corpus.test.ts runs check, apply and revert on, pinned by version and
 * go.sum hash: one list, so that scripts/fetch-test-inputs.ts downloads them and their dependencies
 * into .cache/gomod at install time and the test finds them there instead of fetching them inside
 * its own time.
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
