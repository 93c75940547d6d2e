/**
 * Kernels as users name them: real `uname -r` strings of RHEL, CentOS, CentOS Stream, Rocky, AlmaLinux,
 * Oracle Linux, Ubuntu, Debian, Amazon Linux, SUSE, Fedora, Arch, Alpine and WSL machines, package NVRs and
 * names (`rhel8.10`, `rocky9`), and the table, arches and one-line note each resolves to.
 */
import { UnknownKernelError, UsageError, type TargetName } from "@xsysgen/core";
import { describe, expect, test } from "vitest";
import { getTable, kernelTargets, listKernels, resolveKernel } from "../src/index.ts";

/** The registry's build of a RHEL minor, from its own listing. */
const buildOf = (minor: string) => {
  const d = listKernels().distros.find((x) => x.minor === minor);
  if (d === undefined) throw new Error(`no RHEL ${minor} build in the registry`);
  return d;
};
const x86: TargetName[] = ["386", "amd64"];

describe("RHEL-family uname -r: the dist tag or the release number names the minor", () => {
  test.each([
    // [uname -r, minor, arches]
    ["3.10.0-1160.el7.x86_64", "7.9", x86], // CentOS 7.9
    ["3.10.0-1062.el7.ppc64le", "7.7", ["ppc64le"]], // RHEL 7.7 on POWER
    ["3.10.0-1160.el7.s390x", "7.9", ["s390x"]],
    ["4.18.0-553.16.1.el8_10.x86_64", "8.10", x86], // RHEL / Rocky / AlmaLinux 8.10: one of AlmaLinux's builds
    ["4.18.0-305.3.1.el8_4.aarch64", "8.4", ["arm64"]],
    ["4.18.0-348.7.1.el8_5.x86_64", "8.5", x86], // CentOS Linux 8.5
    ["4.18.0-372.9.1.el8.x86_64", "8.6", x86], // GA build, `.el8`: placed by its release number
    ["5.14.0-427.13.1.el9_4.x86_64", "9.4", x86], // RHEL 9.4
    ["5.14.0-503.11.1.el9_5.s390x", "9.5", ["s390x"]],
    ["5.14.0-570.12.1.el9_6.ppc64le", "9.6", ["ppc64le"]],
    ["6.12.0-55.9.1.el10_0.x86_64", "10.0", x86], // RHEL 10.0
    ["4.18.0-348.2.1.el8", "8.5", undefined], // wulmx's tree: same tables as AlmaLinux's 8.5 build
  ] as const)("%s → RHEL %s, no note", (uname, minor, arches) => {
    const ref = resolveKernel(uname);
    expect(ref).toMatchObject({ kind: "distro", name: buildOf(minor).name, release: `RHEL ${minor}` });
    expect(ref.note).toBeUndefined();
    expect(ref.machineTargets).toEqual(arches);
    expect(kernelTargets(ref)).toEqual(arches ?? buildOf(minor).targets);
  });

  test("a build outside the known ones uses its minor's build and says so", () => {
    // An RHEL 7.9 errata kernel, Oracle Linux's own RHCK rebuild of 8.9, an AlmaLinux-rebuilt 8.5.
    for (const [uname, minor, why] of [
      ["3.10.0-1160.119.1.el7.x86_64", "7.9", /taken to share its syscalls/],
      ["4.18.0-513.5.1.0.1.el8_9.x86_64", "8.9", /AlmaLinux's 6 builds of 8\.9 agree/],
      ["4.18.0-348.el8.0.2.x86_64", "8.5", /AlmaLinux's \d+ builds of 8\.5 agree/],
    ] as const) {
      const ref = resolveKernel(uname);
      expect(ref.name, uname).toBe(buildOf(minor).name);
      expect(ref.note, uname).toMatch(new RegExp(`^kernel ${uname.replace(/\./g, "\\.")} is RHEL ${minor}: using `));
      expect(ref.note, uname).toMatch(why);
      expect(ref.note).not.toContain("\n");
    }
  });

  test("a minor without a build uses the nearest known build before it, never a newer one", () => {
    // RHEL 7.6 (3.10.0-957): between 7.3 and 7.7 → 7.3, which lacks what 7.7 backported.
    const r76 = resolveKernel("3.10.0-957.27.2.el7.x86_64");
    expect(r76.name).toBe(buildOf("7.3").name);
    expect(r76.note).toMatch(/is RHEL 7\.6, which the registry has no table of: using RHEL 7\.3 \(3\.10\.0-514\.el7\)/);
    // RHEL 6.10 → 6.8; a CentOS Stream 9 kernel past 9.6's → 9.6.
    expect(resolveKernel("2.6.32-754.35.1.el6.x86_64").release).toBe("RHEL 6.8");
    const stream = resolveKernel("5.14.0-611.el9.x86_64");
    expect(stream.release).toBe("RHEL 9.6");
    expect(stream.note).toMatch(/is a build after RHEL 9\.6's \(CentOS Stream or a later minor\)/);
    // A 7.8 POWER machine: 7.8's tree in kernel-data is x86 only, so 7.7's ppc64le table, not 7.9's.
    const power = resolveKernel("3.10.0-1127.19.1.el7.ppc64le");
    expect(power.name).toBe(buildOf("7.7").name);
    expect(power.note).toMatch(/is RHEL 7\.8, whose ppc64le table the registry lacks: using RHEL 7\.7/);
    // Never newer: 7.3's own build, not the RHEL 7.7 one, even though 7.7 has every syscall 7.3 has.
    expect(resolveKernel("3.10.0-514.26.2.el7.x86_64").release).toBe("RHEL 7.3");
  });

  test("below the oldest known build of a major: the vanilla base release, with a note", () => {
    for (const [uname, base, minor] of [
      ["3.10.0-123.el7.x86_64", "3.10", "RHEL 7.0"],
      ["3.10.0-327.el7.x86_64", "3.10", "RHEL 7.2"],
      ["4.18.0-80.el8.x86_64", "4.18", "a RHEL 8 build"],
      ["4.18.0-193.28.1.el8_2.x86_64", "4.18", "RHEL 8.2"],
    ] as const) {
      const ref = resolveKernel(uname);
      expect(ref, uname).toMatchObject({ kind: "vanilla", name: base, machineTargets: x86 });
      expect(ref.note, uname).toMatch(new RegExp(`is ${minor}, older than every RHEL \\d+ build the registry has`));
      expect(ref.note, uname).toContain(`using vanilla Linux ${base}'s table`);
    }
    // 3.10.0-123 is older than RHEL 7.3 (514): the 7.3 table could claim syscalls it lacks.
    expect(getTable("3.10.0-123.el7.x86_64", "amd64").entries).toEqual(getTable("3.10", "amd64").entries);
    // RHEL 7.3 on POWER: no RHEL 7 build before it has a ppc64le table, and vanilla 3.10 has no ppc64le.
    expect(() => resolveKernel("3.10.0-514.el7.ppc64le")).toThrow(UnknownKernelError);
  });

  test("no RHEL kernel runs x32 programs, and no 3.10 kernel was built for aarch64: refused with why", () => {
    expect(() => getTable("rhel8.10", "x32")).toThrow(UsageError);
    expect(() => getTable("rhel8.10", "x32")).toThrow(
      /Red Hat builds RHEL 8 for 386, amd64, arm64, ppc64le, s390x;.*x32/,
    );
    expect(() => getTable("centos7", "arm64")).toThrow(/no arm64 table .*Red Hat built no 3\.10 kernel for aarch64/);
    expect(() => resolveKernel("3.10.0-1160.el7.aarch64")).toThrow(UsageError);
    expect(() => getTable("rhel9", "arm")).toThrow(/32-bit arm/);
    // A build whose data lacks an arch Red Hat builds says so, and names an older build that has it.
    expect(() => getTable("rhel7.8", "s390x")).toThrow(/kernel-data saved only its 386, amd64 files; RHEL 7\.7/);
    // The machine suffix limits the arches: x86_64 runs amd64 and its i686 compat user space, not x32.
    expect(() => getTable("4.18.0-553.el8_10.x86_64", "x32")).toThrow(/runs 386, amd64 code, not x32/);
  });
});

describe("names people use", () => {
  test.each([
    ["rhel8.10", "8.10", false],
    ["rocky9.4", "9.4", false],
    ["almalinux8.6", "8.6", false],
    ["ol7.9", "7.9", false],
    ["centos7.3", "7.3", false],
    ["rhel8", "8.10", true], // a major alone: its newest known minor, said in the note
    ["alma9", "9.6", true],
    ["ol8", "8.10", true],
    ["rhel10", "10.0", true],
    ["centos7", "7.9", true],
    ["centos8", "8.5", true], // CentOS Linux 8 ended at 8.5
    ["centos-stream9", "9.6", true],
  ] as const)("%s → RHEL %s", (name, minor, noted) => {
    const ref = resolveKernel(name);
    expect(ref.name).toBe(buildOf(minor).name);
    expect(ref.machineTargets).toBeUndefined();
    if (noted) expect(ref.note).toMatch(new RegExp(`^${name} is .*: using RHEL ${minor.replace(".", "\\.")} \\(`));
    else expect(ref.note).toBeUndefined();
  });

  test("names without a build, or that never existed", () => {
    expect(resolveKernel("rhel7.6").note).toMatch(/^rhel7\.6 is RHEL 7\.6, which the registry has no table of/);
    expect(resolveKernel("rhel8.1")).toMatchObject({ kind: "vanilla", name: "4.18" });
    expect(() => resolveKernel("centos8.10")).toThrow(/CentOS Linux 8 ended at 8\.5/);
    expect(() => resolveKernel("rocky7")).toThrow(UnknownKernelError);
    expect(() => resolveKernel("centos-stream9.4")).toThrow(UsageError);
    expect(() => resolveKernel("rhel11")).toThrow(/RHEL 11 is not in the registry/);
  });
});

describe("other distros' uname -r: vanilla x.y, the vendor's backports not known", () => {
  test.each([
    ["5.15.0-91-generic", "5.15", "Ubuntu", undefined],
    ["6.8.0-1015-aws", "6.8", "Ubuntu", undefined],
    ["6.8.0-45-generic-64k", "6.8", "Ubuntu", ["arm64"]],
    ["6.1.0-13-amd64", "6.1", "Debian", x86],
    ["6.1.0-13-cloud-arm64", "6.1", "Debian", ["arm64"]],
    ["6.12.38+deb13-powerpc64le", "6.12", "Debian", ["ppc64le"]],
    ["5.10.0-26-686-pae", "5.10", "Debian", ["386"]],
    ["5.10.199-190.747.amzn2.x86_64", "5.10", "Amazon Linux 2", x86],
    ["6.1.55-75.123.amzn2023.aarch64", "6.1", "Amazon Linux 2023", ["arm64"]],
    ["4.12.14-122.37-default", "4.12", "SUSE", undefined],
    ["5.14.21-150400.24.55-default", "5.14", "SUSE", undefined],
    ["6.5.6-300.fc39.x86_64", "6.5", "Fedora", x86],
    ["6.6.1-arch1-1", "6.6", "Arch Linux", undefined],
    ["6.1.62-0-lts", "6.1", "Alpine or Arch Linux -lts", undefined],
    ["6.6.14-0-virt", "6.6", "Alpine", undefined],
    ["5.15.133.1-microsoft-standard-WSL2", "5.15", "WSL 2", undefined],
    ["5.15.0-200.131.27.el9uek.x86_64", "5.15", "Unbreakable Enterprise Kernel, not a RHEL build", x86],
    ["4.14.0-115.el7a.aarch64", "4.14", "RHEL 7's kernel-alt", ["arm64"]],
  ] as const)("%s → vanilla %s (%s)", (uname, series, vendor, arches) => {
    const ref = resolveKernel(uname);
    expect(ref).toMatchObject({ kind: "vanilla", name: series, series });
    expect(ref.machineTargets).toEqual(arches);
    expect(ref.note).toContain(`kernel ${uname} (`);
    expect(ref.note).toContain(vendor);
    expect(ref.note).toContain(`using vanilla Linux ${series}'s table; its backports are not known to the registry`);
    expect(getTable(ref, arches?.[0] ?? "amd64").kernelVersion).toBe(series);
  });

  test("a stable update says so in the same line; an unknown vendor is still its vanilla x.y", () => {
    expect(resolveKernel("6.1.55-75.123.amzn2023.aarch64").note).toMatch(
      /stable updates \(6\.1\.55\) add no syscalls$/,
    );
    const odd = resolveKernel("6.18.44-fc-v1300", {
      machine: "x86_64",
      label: "host kernel 6.18.44-fc-v1300 (x86_64)",
    });
    expect(odd).toMatchObject({ kind: "vanilla", name: "6.18", machineTargets: x86 });
    expect(odd.note).toMatch(/^host kernel 6\.18\.44-fc-v1300 \(x86_64\) is no distro kernel the registry knows/);
    // A Debian flavour for an arch asked for the wrong way is a usage error naming the arches it runs.
    expect(() => getTable("6.1.0-13-arm64", "amd64")).toThrow(/runs arm64 code, not amd64/);
  });

  test("vanilla releases, stable updates and malformed specs", () => {
    expect(resolveKernel("6.1").note).toBeUndefined();
    expect(resolveKernel("3.10.99").note).toBe(
      "kernel 3.10.99 uses the registry's 3.10 table (one table per series; stable updates add no syscalls)",
    );
    for (const s of ["6.1-rc2", "3.10.0.1.2", "latest!", "3.x"]) expect(() => resolveKernel(s), s).toThrow(UsageError);
    expect(() => resolveKernel("5.14.0-70.el8")).toThrow(/RHEL 8 kernels are 4\.18\.0-\*, not 5\.14\.0/);
    expect(() => resolveKernel("6.1", { machine: "vax" })).toThrow(UsageError);
  });
});
