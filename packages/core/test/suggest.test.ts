/** "Did you mean": the edit distance and the nearest candidate within a third of the word's length. */
import { describe, expect, it } from "vitest";
import { archWords, closestMatch, editDistance, findTarget, resolveArch, targets } from "../src/index.ts";

describe("editDistance", () => {
  it.each([
    ["gen", "gen", 0],
    ["gne", "gen", 1], // a swap of neighbours costs one
    ["amd46", "amd64", 1],
    ["kernal", "kernel", 1],
    ["statxx", "statx", 1],
    ["", "abc", 3],
    ["STATX", "statx", 0], // case is ignored
    ["ca", "abc", 3], // optimal string alignment: no edit of a swapped pair
  ])("%s → %s = %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe("closestMatch", () => {
  const verbs = ["gen", "diff", "show", "kernels", "apply", "check"];
  it.each([
    ["gne", "gen"],
    ["chekc", "check"],
    ["kernel", "kernels"],
    ["dif", "diff"],
    ["aply", "apply"],
  ])("%s → %s", (word, match) => expect(closestMatch(word, verbs)).toBe(match));

  it.each([["frob"], ["x"], ["generate-everything"], [""]])("%s → nothing close", (word) =>
    expect(closestMatch(word, verbs)).toBeUndefined(),
  );

  it("takes an abbreviation of at least three letters (--kern → --kernel), the nearest first", () => {
    expect(closestMatch("--kern", ["--kernel", "--headers"])).toBe("--kernel");
    expect(closestMatch("--ou", ["--out", "--json"])).toBe("--out");
    expect(closestMatch("opena", ["open", "openat", "openat2"])).toBe("open");
  });
});

describe("resolveArch and findTarget take every alias the targets table lists, in any case", () => {
  it.each(
    targets.flatMap((t) => [t.name, ...t.aliases, ...t.aliases.map((a) => a.toUpperCase())].map((w) => [w, t.name])),
  )("%s → %s", (word, name) => {
    expect(resolveArch(word)).toBe(name);
    expect(findTarget(word)?.name).toBe(name);
  });

  it("knows no other word, and archWords lists each word once", () => {
    expect(resolveArch("vax")).toBeUndefined();
    expect(findTarget("ppc64el")?.name).toBe("ppc64le");
    expect(new Set(archWords).size).toBe(archWords.length);
    expect(closestMatch("amd46", archWords)).toBe("amd64");
    expect(closestMatch("aarch46", archWords)).toBe("aarch64");
  });
});
