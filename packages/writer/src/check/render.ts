/**
 * check's words: the advice of a finding (true for the module: it names the module's own
 * golang.org/x/sys, says `apply` only where that x/sys lacks the constant, and never offers `apply`
 * to a module without x/sys, which apply refuses), the arches with their first kernels stated once
 * per group, and the one line a finding prints as.
 */
import { findTarget } from "@xsysgen/core";
import type { Finding } from "./check.ts";
import type { SyscallPackage } from "./packages.ts";

/** The packages advice names. */
export interface AdviceContext {
  readonly xsys: Pick<SyscallPackage, "label" | "constants"> | undefined;
  readonly std: Pick<SyscallPackage, "label"> | undefined;
}

/** "amd64, arm64: Linux 5.6; 386: Linux 5.5 or 5.6": arches sharing a first kernel share one statement. */
export function renderArchGroups(missing: Finding["missing"]): string {
  const groups = new Map<string | undefined, string[]>();
  for (const m of missing) {
    const g = groups.get(m.since);
    if (g === undefined) groups.set(m.since, [m.arch]);
    else g.push(m.arch);
  }
  return [...groups]
    .map(([since, arches]) => (since === undefined ? arches.join(", ") : `${arches.join(", ")}: Linux ${since}`))
    .join("; ");
}

const list = (xs: readonly string[]) => xs.join(", ");

/** "278 on arm64, 318 on amd64": the numbers a local constant would hold. */
function numbers(f: Pick<Finding, "missing">): string {
  const known = f.missing.filter((m) => m.number !== undefined).map((m) => `${m.number} on ${m.arch}`);
  return known.length === 0 ? "" : ` (${known.join(", ")})`;
}

/** One sentence: what fixes the finding in this module, or why it is handled. */
export function renderAdvice(
  f: Omit<Finding, "advice"> & { readonly handledIn?: string | undefined },
  context: AdviceContext,
): string {
  const arches = f.missing.map((m) => m.arch);
  const enosys = f.api === "syscall" ? "syscall.ENOSYS" : "unix.ENOSYS";
  const thenEnosys = "then the call returns ENOSYS on the target kernel and needs a fallback code path";
  switch (f.fix) {
    case "apply":
      return (
        `${context.xsys?.label ?? "golang.org/x/sys"} has no ${f.symbol} for ${list(arches)}: ` +
        `\`xsysgen apply\` adds it so the module builds; ${thenEnosys}`
      );
    case "x/sys-or-constant": {
      if (f.api === "x/sys")
        return (
          `go.mod does not require golang.org/x/sys, so nothing defines ${f.symbol}: require a golang.org/x/sys ` +
          `release that has it, or use a local constant${numbers(f)}; ${thenEnosys}`
        );
      const std = context.std?.label ?? "the standard library's syscall";
      const frozen = `${std} has no ${f.symbol} for ${list(arches)} and is frozen`;
      const xsys = context.xsys;
      if (xsys === undefined)
        return (
          `${frozen}: use a local constant${numbers(f)} or golang.org/x/sys/unix.${f.symbol} from a golang.org/x/sys ` +
          `release that has it; ${thenEnosys}`
        );
      const defined = f.missing.every((m) => xsys.constants(findTarget(m.arch)?.goarch ?? "").has(f.symbol));
      return defined
        ? `${frozen}: use golang.org/x/sys/unix.${f.symbol}, which the module's ${xsys.label} defines, ` +
            `or a local constant${numbers(f)}; ${thenEnosys}`
        : `${frozen}: use golang.org/x/sys/unix.${f.symbol} (then \`xsysgen apply\`: ${xsys.label} lacks it) ` +
            `or a local constant${numbers(f)}; ${thenEnosys}`;
    }
    case "fallback-header":
      return context.xsys !== undefined
        ? "the target's headers lack it; the C fallback header makes it build: `xsysgen apply` (prepend the " +
            `CGO_CFLAGS it prints) or \`xsysgen gen\` (-I <out>/include); ${thenEnosys}`
        : "the target's headers lack it; the C fallback header makes it build: `xsysgen gen --out <dir>` and " +
            'CGO_CFLAGS="-I<dir>/include" (`xsysgen apply` patches golang.org/x/sys, which go.mod does not require); ' +
            thenEnosys;
    case "enosys-fallback":
      if (f.handledBy === "caller")
        return "handled: the calling function compares the error with ENOSYS, so its fallback runs there";
      if (f.handledBy === "wrapper")
        return (
          `handled: ${f.api === "syscall" ? context.std?.label : context.xsys?.label}'s ${f.handledIn ?? f.symbol} ` +
          `compares the error with ENOSYS and falls back`
        );
      return (
        `the call returns ENOSYS on the target kernel: give it a fallback code path ` +
        `(compare the error with ${enosys})`
      );
  }
}

/** The package a Go use goes through, as source code names it. */
const qualifier = (f: Pick<Finding, "api">) => (f.api === "x/sys" ? "unix." : f.api === "syscall" ? "syscall." : "");

/**
 * A finding as one line: `file:line:column: <compile|runtime>[ (handled)]: <use>: <syscall> is not in
 * <target> (<arches: Linux first kernel>): <advice>`.
 */
export function renderFindingLine(f: Finding, target: string): string {
  const use = f.via.length > 0 ? `${qualifier(f)}${f.via.join(" → ")}` : `${qualifier(f)}${f.symbol}`;
  const when = f.handledBy === undefined ? f.failsAt : `${f.failsAt} (handled)`;
  return (
    `${f.file}:${f.line}:${f.column}: ${when}: ${use}: ${f.syscall} is not in ${target} ` +
    `(${renderArchGroups(f.missing)}): ${f.advice}`
  );
}
