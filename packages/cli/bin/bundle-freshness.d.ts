/** The bundle of the CLI package at `cliDir`, when it is fresh; undefined when the sources must run. */
export declare function freshBundle(cliDir: string): string | undefined;
