/**
 * Every other distro kernel string → its vanilla x.y, with a one-line note that the vendor's backports are
 * not known to the registry. The rules name the vendor from the part after the version (`-91-generic`,
 * `.amzn2`, `-default`, `-arch1-1`); a Debian flavour (`-amd64`, `-cloud-arm64`) or a machine suffix also
 * limits the arches. Oracle's UEK (`el8uek`) and RHEL 7's kernel-alt (`el7a`) are vanilla-based kernels of
 * their own, not RHEL builds.
 */
import { targets, type TargetName } from "@xsysgen/core";

/** A vendor's kernel-release suffix, matched against the lower-cased text after `x.y.z`. */
interface VendorRule {
  readonly vendor: string;
  readonly pattern: RegExp;
  /** Arches a flavour names (Ubuntu `-generic-64k` is arm64 only). */
  readonly flavourTargets?: (m: RegExpExecArray) => readonly TargetName[] | undefined;
  /** The rule matches only when `flavourTargets` names arches (`-13-amd64` is Debian, `-91-generic` is not). */
  readonly flavourRequired?: true;
}

const debianFlavours = new Map(targets.flatMap((t) => t.debianFlavours.map((f) => [f, t.name] as const)));

const rules: readonly VendorRule[] = [
  { vendor: "Oracle Linux's Unbreakable Enterprise Kernel, not a RHEL build", pattern: /\.el\d+uek(\.|$)/ },
  { vendor: "RHEL 7's kernel-alt, a 4.x kernel, not RHEL 7's 3.10", pattern: /\.el7a(\.|$)/ },
  { vendor: "ELRepo's kernel-ml/kernel-lt, mainline kernels built for EL", pattern: /\.elrepo(\.|$)/ },
  { vendor: "Amazon Linux 2023", pattern: /\.amzn2023(\.|$)/ },
  { vendor: "Amazon Linux 2", pattern: /\.amzn2(\.|$)/ },
  { vendor: "Amazon Linux", pattern: /\.amzn1(\.|$)/ },
  { vendor: "Fedora", pattern: /\.fc\d+(\.|$)/ },
  { vendor: "WSL 2, Microsoft's kernel", pattern: /-microsoft-standard(-wsl2)?$/ },
  { vendor: "WSL 1, Microsoft's Linux syscall layer", pattern: /-microsoft$/ },
  {
    // Debian: 6.1.0-13-amd64, 6.1.0-13-cloud-arm64, 6.12.38+deb13-amd64, 6.10.11+bpo-amd64.
    vendor: "Debian",
    pattern: /^(?:-\d+|\+bpo|\+deb\d+(?:u\d+)?)-([a-z0-9-]+)$/,
    flavourRequired: true,
    flavourTargets: (m) => {
      const t = debianFlavours.get(m[1] as string);
      return t === undefined ? undefined : [t];
    },
  },
  {
    // Ubuntu: 5.15.0-91-generic, 6.8.0-1015-aws, 6.8.0-45-generic-64k (arm64), 5.15.0-1030-raspi.
    vendor: "Ubuntu",
    pattern: new RegExp(
      "^-\\d+-(generic|lowlatency|aws|azure|gcp|gke|gkeop|oracle|kvm|raspi|nvidia|ibm|oem|intel-iotg|realtime|" +
        "virtual|server|bluefield|fips|xilinx-zynqmp)(-64k|-lpae|-fde|-nolpae)?$",
    ),
    flavourTargets: (m) => (m[2] === "-64k" ? ["arm64"] : m[2] === "-lpae" ? ["arm"] : undefined),
  },
  {
    // SUSE: 4.12.14-122.37-default, 5.14.21-150400.24.55-default, 6.4.0-150600.23.7-64kb (arm64).
    vendor: "SUSE",
    pattern: /^-[\d.]+-(default|azure|64kb|rt|kvmsmall|preempt|vanilla|pae|zfcpdump)$/,
    flavourTargets: (m) =>
      m[1] === "64kb" ? ["arm64"] : m[1] === "pae" ? ["386"] : m[1] === "zfcpdump" ? ["s390x"] : undefined,
  },
  { vendor: "Arch Linux", pattern: /^-(arch|zen|hardened)\d+-\d+(-zen|-hardened)?$/ },
  { vendor: "Alpine or Arch Linux -lts", pattern: /^-\d+-lts$/ },
  { vendor: "Alpine", pattern: /^-\d+-(virt|rpi|edge)$/ },
];

/** The vendor a kernel release's suffix names, and the arches its flavour is built for; undefined if none matches. */
export function vendorOf(suffix: string): { vendor: string; targets?: readonly TargetName[] } | undefined {
  for (const rule of rules) {
    const m = rule.pattern.exec(suffix);
    if (m === null) continue;
    const only = rule.flavourTargets?.(m);
    if (rule.flavourRequired === true && only === undefined) continue;
    return only === undefined ? { vendor: rule.vendor } : { vendor: rule.vendor, targets: only };
  }
  return undefined;
}
