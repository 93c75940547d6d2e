/**
 * Line 1 of every generated file: the xsysgen command that regenerates it. Paths are written as
 * the user gave them when relative and reduced to their base name when absolute, so committed
 * output never carries a workstation's absolute paths.
 */
import { basename, isAbsolute } from "node:path";

export function portablePath(path: string): string {
  return isAbsolute(path) ? basename(path) : path.split("\\").join("/");
}

export function renderRegenerateCommand(words: readonly (string | undefined | false)[]): string {
  return ["xsysgen", ...words.filter((w): w is string => typeof w === "string" && w.length > 0)].join(" ");
}

/** The words of a regenerate command that name the inputs, shared by `gen` and `apply`. */
export function sourceWords(options: {
  kernel: string | undefined;
  headers: string | undefined;
  arches: readonly string[] | "all" | undefined;
  reference: string | undefined;
  prefer: string | undefined;
}): string[] {
  const { kernel, headers, arches, reference, prefer } = options;
  return [
    ...(kernel !== undefined ? ["--kernel", kernel] : ["--headers", portablePath(headers ?? "")]),
    ...(arches === undefined ? [] : ["--arch", arches === "all" ? "all" : arches.join(",")]),
    ...(reference === undefined ? [] : ["--reference", reference.includes("/") ? portablePath(reference) : reference]),
    ...(prefer === undefined ? [] : ["--prefer", prefer]),
  ];
}
