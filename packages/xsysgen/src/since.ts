/** "first kernel" labels for generated comments, from the embedded registry. */
import type { TargetName } from "@xsysgen/core";
import { sinceOf } from "@xsysgen/kernels";

// gen asks for each name of each arch several times (zsysnum annotations, fallback header, JSON).
const labels = new Map<TargetName, Map<string, string | undefined>>();

export function sinceLabel(syscall: string, target: TargetName): string | undefined {
  let perTarget = labels.get(target);
  if (perTarget === undefined) labels.set(target, (perTarget = new Map()));
  if (perTarget.has(syscall)) return perTarget.get(syscall);
  const label = sinceOf(syscall, target)?.text;
  perTarget.set(syscall, label);
  return label;
}
