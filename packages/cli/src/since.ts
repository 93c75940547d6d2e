/** "first kernel" labels for generated comments, from the embedded registry. */
import type { TargetName } from "@xsysgen/core";
import { sinceOf } from "@xsysgen/kernels";

export function sinceLabel(syscall: string, target: TargetName): string | undefined {
  return sinceOf(syscall, target)?.text;
}
