/**
 * The published package's `dist/index.d.ts`: one self-contained declaration file for the API
 * entry (packages/xsysgen/src/api.ts), holding only what the entry exports and what those
 * exports mention, and importing nothing but Node's own types.
 *
 * Two steps. TypeScript emits declarations for the entry and everything it reaches; those keep
 * the sources' `./x.ts` and `@xsysgen/*` specifiers, which a declaration bundler cannot follow, so
 * they are rewritten to plain relative `.js` paths into a scratch tree. dts-bundle-generator then
 * inlines that tree into one file; a type error anywhere fails the build.
 */
import { generateDtsBundle } from "dts-bundle-generator";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";
import { repoRoot } from "../lib/debian.ts";

const apiEntry = join(repoRoot, "packages", "xsysgen", "src", "api.ts");
/** Ambient declarations the sources' own program includes through tsconfig.json. */
const ambient = [join(repoRoot, "packages", "reader", "src", "vendor.d.ts")];

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(repoRoot, "tsconfig.json");
  const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  if (read.error !== undefined) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, repoRoot);
  return {
    ...parsed.options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    // Reached through node_modules links, the workspace packages would count as external
    // libraries, whose declarations TypeScript does not emit: map them to their sources.
    baseUrl: repoRoot,
    paths: { "@xsysgen/*": ["packages/*/src/index.ts"] },
  };
}

function failOn(diagnostics: readonly ts.Diagnostic[], what: string): void {
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length === 0) return;
  const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => repoRoot, getNewLine: () => "\n" };
  throw new Error(`${what}:\n${ts.formatDiagnostics(errors, host)}`);
}

/** `./x.ts` → `./x.js`; `@xsysgen/<pkg>` → the relative path of that package's index. */
function rewriteSpecifiers(text: string, fileInRepo: string): string {
  return text.replace(/(from\s+|import\(\s*)"([^"]+)"/g, (all, lead: string, spec: string) => {
    let target = spec;
    const scoped = /^@xsysgen\/([a-z]+)$/.exec(spec);
    if (scoped !== null) {
      const index = join("packages", scoped[1] as string, "src", "index.js");
      target = relative(dirname(fileInRepo), index);
      if (!target.startsWith(".")) target = `./${target}`;
    } else if (spec.startsWith(".") && spec.endsWith(".ts")) {
      target = `${spec.slice(0, -3)}.js`;
    } else {
      return all;
    }
    return `${lead}"${target}"`;
  });
}

/** Emits the declarations of the API entry and returns the bundled text of `index.d.ts`. */
export function bundleTypes(scratch: string): string {
  const options = compilerOptions();
  const program = ts.createProgram([apiEntry, ...ambient], options);
  // The sources' own type errors are `pnpm typecheck`'s to report; here what matters is that
  // every declaration the entry reaches can be written.
  failOn(
    [...program.getOptionsDiagnostics(), ...program.getSyntacticDiagnostics()],
    "the API's sources do not compile",
  );

  const emit = program.emit(
    undefined,
    (fileName, text) => {
      const inRepo = relative(repoRoot, fileName);
      if (inRepo.startsWith("..")) throw new Error(`declaration outside the repository: ${fileName}`);
      const out = join(scratch, inRepo);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, rewriteSpecifiers(text, inRepo));
    },
    undefined,
    true,
  );
  failOn(emit.diagnostics, "declaration emit failed");

  const tsconfig = join(scratch, "tsconfig.json");
  writeFileSync(
    tsconfig,
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        // Internal declarations mention web-tree-sitter, which is bundled rather than installed;
        // nothing the entry exports may, and bundled output is checked for stray imports below.
        skipLibCheck: true,
        types: ["node"],
        typeRoots: [join(repoRoot, "node_modules", "@types")],
      },
    }),
  );
  const entry = join(scratch, relative(repoRoot, apiEntry).replace(/\.ts$/, ".d.ts"));
  const [bundled] = generateDtsBundle([{ filePath: entry, output: { noBanner: true, exportReferencedTypes: false } }], {
    preferredConfigPath: tsconfig,
  });
  if (bundled === undefined) throw new Error("dts-bundle-generator returned nothing");
  const strayImports = [...bundled.matchAll(/^\s*import\b.*?from\s+"([^"]+)"|import\("([^"]+)"\)/gm)]
    .map((m) => m[1] ?? m[2] ?? "")
    .filter((spec) => !spec.startsWith("node:"));
  if (strayImports.length > 0)
    throw new Error(
      `index.d.ts would import ${[...new Set(strayImports)].join(", ")}, which the package does not ship`,
    );
  // Buffer and friends: TypeScript consumers need @types/node (an optional peer dependency).
  return `/// <reference types="node" />\n${bundled}`;
}
