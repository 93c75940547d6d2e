/**
 * `xsysgen gen (--kernel <v> | --headers <path>) [--arch …|all] [--exact] [--out <dir>] [--json]`
 *
 * --exact: x/sys `zsysnum_linux_<goarch>.go` exactly as upstream's mksysnum prints them.
 * default: the patched variant (target + every syscall the reference has, annotated), plus
 * `syscall_fallback.h`, `include/asm/unistd.h` and `syscalls.json`.
 */
import { readFileSync } from "node:fs";
import { isAbsolute, join, normalize, relative, resolve } from "node:path";
import { InputError, UsageError, findTarget, renderErrno, type TargetName } from "@xsysgen/core";
import { detectHeaderEra, modernEra, readZsysnumGo, type HeaderEra } from "@xsysgen/generator";
import { archList, parseStrict, stringArg } from "../args.ts";
import type { Settings } from "../environment.ts";
import type { CliIo } from "../io.ts";
import { note } from "../notes.ts";
import { writeOutputFiles } from "../output.ts";
import { portablePath, renderRegenerateCommand, sourceWords } from "../regenerate.ts";
import { kernelJson, loadReference, loadSource, recordedKernel, sourceSpecFromFlags } from "../sources.ts";
import { renderExactFiles } from "../render-exact.ts";
import type { LikeFile } from "../render-outputs.ts";
import { SCHEMA_VERSION } from "../schema-version.ts";

export async function genCommand(argv: readonly string[], io: CliIo, settings: Settings): Promise<number> {
  const parsed = parseStrict("gen", argv);
  const kernel = stringArg(parsed, "kernel");
  const headers = stringArg(parsed, "headers");
  const arches = archList(stringArg(parsed, "arch"));
  const exact = parsed.exact === true;
  const out = stringArg(parsed, "out") ?? "xsysgen-out";
  const referenceWord = stringArg(parsed, "reference");
  const prefer = stringArg(parsed, "prefer");
  const likePath = stringArg(parsed, "like");
  if (prefer !== undefined && prefer !== "target" && prefer !== "reference")
    throw new UsageError(`gen: --prefer takes "target" or "reference", not "${prefer}"`);
  if (exact && (referenceWord !== undefined || prefer !== undefined))
    throw new UsageError("gen: --reference and --prefer apply to the patched output, not --exact");

  const targetSpec = sourceSpecFromFlags(kernel, headers, "gen");
  const like = likePath === undefined ? undefined : await readLike(likePath);
  // --exact writes Go files only: x32's table (no Go port) would be read for nothing.
  const target = await loadSource(targetSpec, arches, settings.read, { goPortsOnly: exact });

  const recorded = recordedKernel(kernel, arches, target);
  const command = renderRegenerateCommand([
    "gen",
    ...sourceWords({ ...recorded, headers, reference: referenceWord, prefer }),
    ...(likePath === undefined ? [] : ["--like", portablePath(likePath)]),
    exact ? "--exact" : undefined,
  ]);

  let files: Map<string, string>;
  if (exact) {
    files = renderExactFiles(target, { command, era: like?.era ?? modernEra });
  } else {
    // The patched files' "since" comments come from the registry, which --exact never loads.
    const [reference, { renderPatchedFiles }] = await Promise.all([
      loadReference(referenceWord, target.served, settings.read),
      import("../render-outputs.ts"),
    ]);
    files = renderPatchedFiles(target, reference, {
      command,
      like,
      prefer: prefer as "target" | "reference" | undefined,
    });
  }

  const { written, removed } = writeOutputFiles(out, files);
  // Asked for by name, x32 gets no Go file: say why rather than leave it out without a word.
  if (!exact && Array.isArray(arches) && arches.includes("x32"))
    note("x32 has no zsysnum file: golang.org/x/sys has no x32 port; syscall_fallback.h and syscalls.json cover it");
  const cgoInclude = `-I${includeDir(out)}`;
  if (parsed.json === true) {
    // JSON is for tools that may run elsewhere: the output directory as an absolute path.
    const document = {
      schemaVersion: SCHEMA_VERSION,
      kernelVersion: target.kernelVersion ?? null,
      kernel: kernelJson(target),
      arches: target.served,
      out: resolve(out),
      files: written,
      removed,
      ...(exact ? {} : { cgoCflags: `-I${join(resolve(out), "include")}` }),
    };
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    // Messages name the directory as the user typed it (a base name alone would point elsewhere).
    // One write: stdout to a file or pipe is a synchronous write(2) per call.
    const lines = [
      ...written.map((file) => `wrote ${join(out, file)}\n`),
      ...removed.map((file) => `removed ${join(out, file)} (an earlier gen's, not written by this one)\n`),
    ];
    if (!exact) lines.push(`export CGO_CFLAGS="${cgoInclude} $CGO_CFLAGS"\n`);
    io.stdout.write(lines.join(""));
  }
  return 0;
}

/**
 * The include directory for CGO_CFLAGS: `$PWD/<dir>/include` for a relative --out, so the line
 * works on the build host wherever the checkout is; the absolute path as given otherwise.
 */
function includeDir(out: string): string {
  if (isAbsolute(out)) return join(normalize(out), "include");
  return `$PWD/${portablePath(join(relative(process.cwd(), resolve(out)) || ".", "include"))}`;
}

async function readLike(path: string): Promise<LikeFile> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new InputError(path, `cannot read --like file: ${renderErrno(error)}`);
  }
  const era: HeaderEra = detectHeaderEra(text, path);
  const parsed = await readZsysnumGo(text, path);
  const goTarget = findTarget(parsed.goarch);
  if (goTarget === undefined) throw new InputError(path, `--like: unknown GOARCH "${parsed.goarch}"`);
  return { era, goarch: goTarget.name as TargetName, constants: parsed.constants };
}
