/**
 * The registry build's cross-source agreement: two sources of one (release, arch) that disagree on a
 * fact stop the build, unless scripts/registry/exceptions.tsv lists that fact with a reason; then the
 * fact is left unknown at that release (neither source wins) and the row counts as used.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { exceptionsPath } from "../registry/observe.ts";
import { factKey, observe, parseExceptions, type Fact, type SeriesView } from "../registry/records.ts";

const fact = (name: string, number: number): Fact => ({ name, number });
const facts = (...fs: Fact[]) => new Map(fs.map((f) => [factKey(f), f] as const));

test("a disagreement in presence between two sources of one release stops the build, naming both", () => {
  const views = new Map<string, SeriesView>();
  const none = parseExceptions("");
  observe(views, "4.18", "tree 4.18", facts(fact("read", 0), fact("statx", 383)), new Set(), {
    target: "ppc64",
    exceptions: none,
  });
  expect(() =>
    observe(views, "4.18", "headers 4.18", facts(fact("read", 0)), new Set(), { target: "ppc64", exceptions: none }),
  ).toThrow(/headers 4\.18 disagrees with tree 4\.18 at 4\.18: only in the latter entry statx 383/);
});

test("a listed disagreement leaves the fact unknown at that release and marks the row used", () => {
  const views = new Map<string, SeriesView>();
  const exceptions = parseExceptions("# comment\nppc64\t4.18\tstatx\t383\tthe headers copy predates the backport\n");
  observe(views, "4.18", "tree 4.18", facts(fact("read", 0), fact("statx", 383)), new Set(), {
    target: "ppc64",
    exceptions,
  });
  observe(views, "4.18", "headers 4.18", facts(fact("read", 0)), new Set(), { target: "ppc64", exceptions });
  const v = views.get("4.18");
  expect([...(v?.present.keys() ?? [])]).toEqual([factKey(fact("read", 0))]);
  expect([...(v?.unknown ?? [])]).toEqual([factKey(fact("statx", 383))]);
  expect([...exceptions.used]).toEqual(["ppc64\t4.18\tstatx\t383"]);
  // The same row does not excuse another arch or release.
  const other = new Map<string, SeriesView>();
  observe(other, "4.18", "tree", facts(fact("statx", 383)), new Set(), { target: "s390x", exceptions });
  expect(() => observe(other, "4.18", "headers", facts(), new Set(), { target: "s390x", exceptions })).toThrow(
    /disagrees/,
  );
});

test("exceptions.tsv parses, and a malformed row is an error naming it", () => {
  expect(() => parseExceptions(readFileSync(exceptionsPath, "utf8"))).not.toThrow();
  expect(() => parseExceptions("ppc64\t4.18\tstatx\tthree\tno number\n")).toThrow(
    /malformed line "ppc64\t4\.18\tstatx\tthree\tno number"/,
  );
  expect(() => parseExceptions("ppc64\t4.18\tstatx\t383\n")).toThrow(/malformed/);
});
