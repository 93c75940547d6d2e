import type { Script } from "node:vm";

/** The code cache of a bundle is the bundle's path plus this. */
export declare const codeCacheSuffix: string;

/** Compiles and runs the CommonJS bundle `file`, with its code cache when there is one. */
export declare function loadBundle(file: string): {
  readonly script: Script;
  readonly exports: Record<string, unknown>;
  readonly cache: "none" | "rejected" | "accepted";
};
