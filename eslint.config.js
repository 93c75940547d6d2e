import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "testdata/**",
      ".cache/**",
      "**/*.generated.ts",
      "packages/cli/dist/**",
      "packages/cli/dist-test/**",
      "packages/xsysgen/dist/**",
      "packages/xsysgen/release/**",
      "docs/api/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      // Prettier wraps code at 120; this holds the rest (comments, strings, templates) to the same width.
      "max-len": ["error", { code: 120, tabWidth: 2 }],
      // core, parser, generator and kernels are pure: the filesystem and processes belong to reader, writer and cli.
    },
  },
  {
    // Tests make temp directories with scratchDir (scripts/lib/scratch.ts), which removes them when the file ends.
    files: ["packages/*/test/**/*.ts", "scripts/test/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["os", "node:os"].map((name) => ({
            name,
            importNames: ["tmpdir"],
            message: "use scratchDir (scripts/lib/scratch.ts): the test file removes it when it ends",
          })),
        },
      ],
      "no-restricted-properties": [
        "error",
        { object: "os", property: "tmpdir", message: "use scratchDir (scripts/lib/scratch.ts)" },
      ],
    },
  },
  {
    // The bin is CommonJS (packages/cli/bin/package.json): Node runs it without its ES module loader.
    files: ["packages/cli/bin/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", exports: "writable", module: "writable", __dirname: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Examples are plain Node scripts (packages/xsysgen/examples/*.mjs).
    files: ["packages/*/examples/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  {
    files: [
      "packages/core/src/**/*.ts",
      "packages/parser/src/**/*.ts",
      "packages/generator/src/**/*.ts",
      "packages/kernels/src/**/*.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: ["fs", "node:fs", "fs/promises", "node:fs/promises", "child_process", "node:child_process"] },
      ],
    },
  },
);
