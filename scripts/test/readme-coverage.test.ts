/**
 * The READMEs' coverage statements (README.md's kernels bullet, packages/kernels/README.md's range) are the
 * registry's: `pnpm regen:registry` writes them from the data it builds, and here the committed READMEs are
 * compared with what the shipped registry gives (no kernel-data needed).
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { listKernels, newestKernel } from "../../packages/kernels/src/index.ts";
import { coverageReadmes, coverageStatements, withCoverage } from "../registry/readme-coverage.ts";

test("every README coverage statement is what the registry covers", () => {
  const statements = coverageStatements(listKernels());
  let marked = 0;
  for (const file of coverageReadmes) {
    const text = readFileSync(file, "utf8");
    marked += (text.match(/<!-- coverage:\w+ -->/g) ?? []).length;
    expect(text, `${file}: run pnpm regen:registry`).toBe(withCoverage(text, statements, file));
  }
  expect(marked).toBe(3);
  expect(statements["kernels"]).toContain(`to ${newestKernel} `);
});

test("a statement the data does not give is refused, naming it", () => {
  expect(() => withCoverage("<!-- coverage:nope -->x<!-- /coverage:nope -->", {}, "R.md")).toThrow(
    "R.md: no coverage statement named nope",
  );
});
