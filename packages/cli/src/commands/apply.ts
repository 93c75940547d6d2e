/**
 * `xsysgen apply (--kernel <v> | --headers <path>) [--module <dir>] [--dest <dir>] [--arch …]
 *  [--reference <v|path>] [--prefer target|reference] [--dry-run] [--json]` and `xsysgen apply --revert`.
 *
 * Writes a patched golang.org/x/sys copy into the module (every zsysnum file the target serves,
 * each in the header era of the file it replaces, plus the C fallback headers), points go.mod at
 * it, keeps vendor/ consistent and verifies with a real `go build` and a `go vet` compared with
 * the one before. Ends with the CGO_CFLAGS line; `--json` gives the include directory as concrete
 * paths (absolute and module-relative) and the flag built from the absolute one.
 */
import { UsageError, findTarget, goarchOfZsysnumFile, type TargetName } from "@xsysgen/core";
import { detectHeaderEra, readZsysnumGo, type HeaderEra } from "@xsysgen/generator";
import { applyPatch, revertPatch, zsysnumFiles, type XsysLocation } from "@xsysgen/writer";
import { archList, parseStrict, stringArg } from "../args.ts";
import type { Settings } from "../environment.ts";
import type { CliIo } from "../io.ts";
import { portablePath, renderRegenerateCommand, sourceWords } from "../regenerate.ts";
import { renderPatchedFiles } from "../render-outputs.ts";
import { SCHEMA_VERSION } from "../schema-version.ts";
import {
  kernelJson,
  loadReference,
  loadSource,
  recordedKernel,
  sourceSpecFromFlags,
  type LoadedSource,
} from "../sources.ts";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export async function applyCommand(argv: readonly string[], io: CliIo, settings: Settings): Promise<number> {
  const parsed = parseStrict("apply", argv);
  const moduleDir = stringArg(parsed, "module") ?? ".";
  if (parsed.revert === true) return revert(parsed, moduleDir, io, settings);

  const kernel = stringArg(parsed, "kernel");
  const headers = stringArg(parsed, "headers");
  const prefer = stringArg(parsed, "prefer");
  if (prefer !== undefined && prefer !== "target" && prefer !== "reference")
    throw new UsageError(`apply: --prefer takes "target" or "reference", not "${prefer}"`);
  const referenceWord = stringArg(parsed, "reference");
  const arches = archList(stringArg(parsed, "arch"));
  const target = await loadSource(sourceSpecFromFlags(kernel, headers, "apply"), arches, settings.read);
  const reference = await loadReference(referenceWord, target.served, settings.read);
  const dest = stringArg(parsed, "dest");
  const command = renderRegenerateCommand([
    "apply",
    ...sourceWords({ ...recordedKernel(kernel, arches, target), headers, reference: referenceWord, prefer }),
    ...(dest === undefined ? [] : ["--dest", portablePath(dest)]),
  ]);

  const result = await applyPatch({
    moduleDir,
    ...(dest === undefined ? {} : { dest }),
    files: (xsys) => patchedXsysFiles(xsys, target, reference, command, prefer as "target" | "reference" | undefined),
    manifestInfo: { target: target.label, reference: reference.label, command },
    dryRun: parsed["dry-run"] === true,
    allowBrokenBuild: parsed["allow-broken-build"] === true,
    env: settings.env,
    lockWaitSeconds: settings.lockWaitSeconds,
  });

  const vet = result.vet;
  if (parsed.json === true) {
    io.stdout.write(
      `${JSON.stringify(
        {
          schemaVersion: SCHEMA_VERSION,
          command: "apply",
          dryRun: parsed["dry-run"] === true,
          module: result.module,
          moduleDir: result.moduleDir,
          target: target.label,
          kernel: kernelJson(target),
          reference: reference.label,
          xsysVersion: result.xsysVersion,
          dest: result.dest,
          replace: result.replace,
          vendored: result.vendored,
          changedFiles: result.changedFiles,
          // Concrete paths only: the include directory on this host and inside the module, and the flag.
          include: result.include,
          cgoCflags: result.cgoCflagsHost,
          recovered: result.recovered ?? null,
          build:
            result.build === null
              ? null
              : {
                  ok: result.build.ok,
                  command: result.build.command,
                  output: result.build.output,
                  before: result.build.before === null ? null : { ok: result.build.before.ok },
                  new: result.build.new,
                },
          vet:
            vet === null
              ? null
              : {
                  ok: vet.ok,
                  command: vet.command,
                  packages: vet.packages,
                  checks: vet.checks,
                  new: vet.new,
                  before: vet.before.length,
                  after: vet.after.length,
                },
          rolledBack: result.rolledBack,
          ...(result.diff === undefined ? {} : { diff: result.diff }),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    if (result.recovered !== undefined) io.stdout.write(`recovered an interrupted run (${result.recovered})\n`);
    if (result.diff !== undefined) io.stdout.write(result.diff);
    const verb = result.diff !== undefined ? "would patch" : "patched";
    io.stdout.write(
      `${verb} golang.org/x/sys ${result.xsysVersion} of ${result.module} for ${target.label} ` +
        `into ./${result.dest} (${plural(result.changedFiles.length, "module file")} changed)\n`,
    );
    const build = result.build;
    if (build !== null) {
      const verdict = build.ok
        ? "ok"
        : build.before === null
          ? "FAILED (this run changed nothing)"
          : build.new.length === 0
            ? "fails as it did before apply (no new errors)"
            : `FAILED: ${plural(build.new.length, "new error line")}`;
      io.stdout.write(`${build.command}: ${verdict}\n`);
      const shown = build.ok ? [] : build.before === null ? build.output.split("\n") : build.new;
      for (const line of shown) io.stdout.write(`  ${line}\n`);
    }
    if (vet !== null) {
      const verdict = vet.ok ? "nothing new" : plural(vet.new.length, "new diagnostic");
      io.stdout.write(
        `go vet: ${verdict} (${plural(vet.packages.length, "package")} importing golang.org/x/sys; ` +
          `checks: ${vet.checks.join(", ")})\n`,
      );
      for (const line of vet.new) io.stdout.write(`  ${line}\n`);
    }
    if (result.rolledBack) io.stdout.write("rolled back: the module is byte for byte as it was before apply\n");
    else io.stdout.write(`${result.exportLine}\n`);
  }
  // New build errors or vet diagnostics are findings about the module, not bad input: the change
  // was undone and the exit code says something needs attention.
  return result.rolledBack ? 1 : 0;
}

async function revert(
  parsed: Record<string, unknown>,
  moduleDir: string,
  io: CliIo,
  settings: Settings,
): Promise<number> {
  for (const flag of ["kernel", "headers", "dest", "arch", "reference", "prefer", "dry-run", "allow-broken-build"]) {
    if (parsed[flag] !== undefined && parsed[flag] !== false)
      throw new UsageError(`apply --revert takes only --module and --json, not --${flag}`);
  }
  const result = await revertPatch(moduleDir, { env: settings.env, lockWaitSeconds: settings.lockWaitSeconds });
  if (parsed.json === true) {
    const document = {
      schemaVersion: SCHEMA_VERSION,
      command: "apply --revert",
      moduleDir: result.moduleDir,
      dest: result.dest,
      changedFiles: result.changedFiles,
      recovered: result.recovered ?? null,
    };
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    io.stdout.write(`reverted ${plural(result.changedFiles.length, "module file")} and removed ./${result.dest}\n`);
  }
  return 0;
}

/** The x/sys files apply writes: patched zsysnum files (era of the file replaced) and the C fallbacks. */
async function patchedXsysFiles(
  xsys: XsysLocation,
  target: LoadedSource,
  reference: LoadedSource,
  command: string,
  prefer: "target" | "reference" | undefined,
): Promise<Map<string, string>> {
  const present = zsysnumFiles(xsys);
  const replaced = new Map<string, { era: HeaderEra; constants: { name: string; number: number }[] }>();
  for (const [goarch, rel] of present) {
    const row = findTarget(goarch);
    if (row === undefined || !target.tables.has(row.name as TargetName)) continue;
    const text = (await xsys.readFile(rel)).toString("utf8");
    replaced.set(goarch, { era: detectHeaderEra(text, rel), constants: (await readZsysnumGo(text, rel)).constants });
  }
  // Only arches this x/sys version has a file for get a Go file; the C headers cover every served ABI.
  const tables = new Map(
    [...target.tables].filter(([name]) => {
      const goarch = findTarget(name)?.goarch;
      return goarch === undefined || present.has(goarch);
    }),
  );
  const rendered = renderPatchedFiles({ ...target, tables }, reference, { command, like: undefined, prefer, replaced });
  const files = new Map<string, string>();
  for (const [name, content] of rendered) {
    files.set(goarchOfZsysnumFile(name) !== undefined ? `unix/${name}` : name, content);
  }
  return files;
}
