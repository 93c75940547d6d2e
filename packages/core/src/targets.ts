/**
 * One row per target: every per-arch fact xsysgen needs lives here, so a new arch is a new row,
 * not a new code path (the habit of golang.org/x/sys's `unix/linux/mkall.go` `targets` list).
 *
 * `macros` are what `<triple>-gcc -dM -E - </dev/null` predefines for the ABI, limited to those
 * the kernel's uapi headers test (riscv's and s390's `asm/bitsperlong.h` compute `__BITS_PER_LONG`
 * from `__SIZEOF_POINTER__` / `__CHAR_BIT__ * __SIZEOF_LONG__`), plus `__BITS_PER_LONG`, which a real build gets from
 * `<asm/bitsperlong.h>` (often missing from an input), and on MIPS the
 * `_MIPS_SIM_ABI32`/`_MIPS_SIM_NABI32`/`_MIPS_SIM_ABI64` values of `<asm/sgidefs.h>`, which MIPS
 * `asm/unistd.h` compares `_MIPS_SIM` against (sgidefs.h is not kept in a bundle either).
 */
import { InternalError } from "./errors.ts";

/** A target's name: its GOARCH, or `x32` (which golang.org/x/sys has no port for). */
export type TargetName =
  | "386"
  | "amd64"
  | "arm"
  | "arm64"
  | "loong64"
  | "mips"
  | "mipsle"
  | "mips64"
  | "mips64le"
  | "ppc"
  | "ppc64"
  | "ppc64le"
  | "riscv64"
  | "s390x"
  | "sparc64"
  | "x32";

/** A kernel `arch/` directory name; several targets share one (x86: amd64, 386, x32). */
export type LinuxArch = "x86" | "arm" | "arm64" | "loongarch" | "mips" | "powerpc" | "riscv" | "s390" | "sparc";

/** A kernel source syscall table (`*.tbl`) and the ABI column values this target takes from it. */
export interface TblSource {
  /** Path inside a kernel source tree, newest layout first. */
  readonly paths: readonly string[];
  readonly abis: readonly string[];
  /** Added to every number: MIPS `__NR_Linux`, x32 `__X32_SYSCALL_BIT`. */
  readonly offset: number;
  /** The macro the ABI's headers spell that offset with (`__NR_Linux + 0`), when there is one. */
  readonly offsetMacro?: string;
}

/** One row of the {@link targets} table: everything xsysgen knows about one ABI. */
export interface Target {
  readonly name: TargetName;
  /**
   * Other spellings users type for this ABI, matched case-insensitively wherever an arch is taken:
   * `uname -m` (x86_64, aarch64, i686, armv7l), Debian (ppc64el, mips64el, armhf), RPM (armv7hl)
   * and the kernel's own directory names (loongarch64, powerpc).
   */
  readonly aliases: readonly string[];
  /** GOARCH, or undefined for x32 (golang.org/x/sys has no x32 port). */
  readonly goarch: string | undefined;
  readonly linuxArch: LinuxArch;
  /** GNU triplets whose include directories hold this ABI's headers (multiarch and Debian -cross). */
  readonly triplets: readonly string[];
  /** Debian architecture whose `linux-libc-dev[-<arch>-cross]` package carries the headers. */
  readonly debianArch: string | undefined;
  /**
   * The machine `uname -r` appends to a RHEL/CentOS kernel release of this ABI (`3.10.0-1160.el7.x86_64`),
   * the RPM arch of its kernel package; undefined where no RHEL kernel of that machine is known.
   */
  readonly rhelMachine: string | undefined;
  /**
   * The 64-bit ABI whose kernel also runs this 32-bit user space and whose installed `asm/unistd.h`
   * picks this ABI's header (x86's dispatches on `__i386__`/`__ILP32__`): 386 and x32 on amd64, ppc on ppc64.
   */
  readonly biarchHost: TargetName | undefined;
  /**
   * The 64-bit ABI whose kernels, as distros configure them, also run this ABI's programs: 386 on amd64
   * (`CONFIG_IA32_EMULATION=y` in every distro's x86_64 kernel), ppc on ppc64. A `uname -r` or `uname -m`
   * of that machine allows this ABI too. x32 has none: RHEL's x86_64 configs leave `CONFIG_X86_X32` unset
   * and Debian's boot with x32 disabled (`syscall.x32=y` turns it on), so an x86_64 kernel is no x32 target.
   */
  readonly compatHost: TargetName | undefined;
  /**
   * Debian's kernel flavours built for this ABI, the last word of a Debian `uname -r` (`6.1.0-13-amd64`,
   * `6.1.0-13-cloud-arm64`, `6.12.38+deb13-powerpc64le`): they tell which machine the kernel is for.
   */
  readonly debianFlavours: readonly string[];
  /**
   * The per-ABI header `make headers_install` writes beside `asm/unistd.h` when its base name alone
   * names this ABI (x86's `unistd_{32,64,x32}.h`, MIPS `unistd_{o32,n64}.h`; powerpc's `unistd_32.h`
   * names no ABI by itself, so ppc rows have none).
   */
  readonly installedHeader: string | undefined;
  /** The header that held this ABI's table itself in 2.6-era trees (x86, before `syscall_*.tbl`). */
  readonly headerTable: string | undefined;
  /**
   * Flags golang.org/x/sys's `linux/mkall.go` gives the C compiler besides `-Wall -Werror -static -I…`
   * (`-fsigned-char` on arm64 and s390x, `-m32`/`-m64` on x86), as line 1 of a zsysnum file shows them.
   */
  readonly mkallCFlags: readonly string[];
  readonly macros: Readonly<Record<string, string>>;
  /** The condition a C compiler for exactly this ABI satisfies (used by the fallback header). */
  readonly cGuard: string;
  /** `__BITS_PER_LONG`. */
  readonly bits: 32 | 64;
  /** Kernel source tables for this ABI (newer kernels). Generic arches use asm-generic instead. */
  readonly tbl: TblSource | undefined;
  /** asm-generic arches: numbers come from `asm-generic/unistd.h` or, from 6.11, `scripts/syscall.tbl`. */
  readonly generic: boolean;
  /** First vanilla kernel with this ABI. */
  readonly firstKernel: string;
  /**
   * x/sys quirks. `syscallMaskZero`: arm's `#define __NR_SYSCALL_MASK 0x0fffff` (5.15+) is read
   * by mksysnum's `[0-9]+` regex as 0 and printed as `SYS_SYSCALL_MASK = 0`.
   * `archSpecificSyscall`: mksysnum adds `SYS_ARCH_SPECIFIC_SYSCALL = 244` for asm-generic ports
   * because 6.11+ generated headers no longer define `__NR_arch_specific_syscall`.
   */
  readonly quirks: { readonly syscallMaskZero?: boolean; readonly archSpecificSyscall?: boolean };
}

const x86Tbl32 = ["arch/x86/entry/syscalls/syscall_32.tbl", "arch/x86/syscalls/syscall_32.tbl"];
const x86Tbl64 = ["arch/x86/entry/syscalls/syscall_64.tbl", "arch/x86/syscalls/syscall_64.tbl"];
// MIPS tables mark their rows with the ABI, but the 6.1 n64 table has `450 common
// set_mempolicy_home_node`, which the kernel's header generation (abis `common,n64`) keeps.
const mipsTbl = (abi: string) => [`arch/mips/kernel/syscalls/syscall_${abi}.tbl`];
const ppcTbl = ["arch/powerpc/kernel/syscalls/syscall.tbl"];

/** One row per target (GOARCH-style name): Linux arch, unistd and table paths, build tag, C guard, quirks. */
export const targets: readonly Target[] = [
  {
    name: "386",
    aliases: ["i386", "i486", "i586", "i686"],
    goarch: "386",
    linuxArch: "x86",
    triplets: ["i386-linux-gnu", "i686-linux-gnu"],
    debianArch: "i386",
    rhelMachine: "i686",
    biarchHost: "amd64",
    compatHost: "amd64",
    debianFlavours: ["686", "686-pae", "rt-686-pae"],
    installedHeader: "unistd_32.h",
    headerTable: "arch/x86/include/asm/unistd_32.h",
    mkallCFlags: ["-m32"],
    macros: {
      __i386__: "1",
      __ILP32__: "1",
      _ILP32: "1",
      __CHAR_BIT__: "8",
      __SIZEOF_LONG__: "4",
      __SIZEOF_POINTER__: "4",
      __BITS_PER_LONG: "32",
    },
    cGuard: "defined(__i386__)",
    bits: 32,
    generic: false,
    firstKernel: "2.6.32",
    tbl: { paths: x86Tbl32, abis: ["i386"], offset: 0 },
    quirks: {},
  },
  {
    name: "amd64",
    aliases: ["x86_64", "x86-64", "x64"],
    goarch: "amd64",
    linuxArch: "x86",
    triplets: ["x86_64-linux-gnu"],
    debianArch: "amd64",
    rhelMachine: "x86_64",
    biarchHost: undefined,
    compatHost: undefined,
    debianFlavours: ["amd64", "cloud-amd64", "rt-amd64"],
    installedHeader: "unistd_64.h",
    headerTable: "arch/x86/include/asm/unistd_64.h",
    mkallCFlags: ["-m64"],
    macros: {
      __x86_64__: "1",
      __x86_64: "1",
      __LP64__: "1",
      _LP64: "1",
      __CHAR_BIT__: "8",
      __SIZEOF_LONG__: "8",
      __SIZEOF_POINTER__: "8",
      __BITS_PER_LONG: "64",
    },
    cGuard: "defined(__x86_64__) && defined(__LP64__)",
    bits: 64,
    generic: false,
    firstKernel: "2.6.32",
    tbl: { paths: x86Tbl64, abis: ["common", "64"], offset: 0 },
    quirks: {},
  },
  {
    name: "x32",
    aliases: [],
    goarch: undefined,
    linuxArch: "x86",
    triplets: ["x86_64-linux-gnux32"],
    debianArch: "x32",
    rhelMachine: undefined,
    biarchHost: "amd64",
    compatHost: undefined,
    debianFlavours: [],
    installedHeader: "unistd_x32.h",
    headerTable: undefined,
    mkallCFlags: [],
    macros: {
      __x86_64__: "1",
      __x86_64: "1",
      __ILP32__: "1",
      _ILP32: "1",
      __CHAR_BIT__: "8",
      __SIZEOF_LONG__: "4",
      __SIZEOF_POINTER__: "4",
      __BITS_PER_LONG: "32",
    },
    cGuard: "defined(__x86_64__) && defined(__ILP32__)",
    bits: 32,
    generic: false,
    firstKernel: "3.4",
    tbl: { paths: x86Tbl64, abis: ["common", "x32"], offset: 0x40000000, offsetMacro: "__X32_SYSCALL_BIT" },
    quirks: {},
  },
  {
    name: "arm",
    aliases: ["armhf", "armel", "armv7l", "armv7hl", "armv6l"],
    goarch: "arm",
    linuxArch: "arm",
    triplets: ["arm-linux-gnueabihf", "arm-linux-gnueabi"],
    debianArch: "armhf",
    rhelMachine: undefined,
    biarchHost: undefined,
    compatHost: undefined,
    debianFlavours: ["armmp", "armmp-lpae", "rt-armmp"],
    installedHeader: undefined,
    headerTable: undefined,
    mkallCFlags: [],
    macros: {
      __arm__: "1",
      __ARM_EABI__: "1",
      __ILP32__: "1",
      __CHAR_BIT__: "8",
      __SIZEOF_LONG__: "4",
      __SIZEOF_POINTER__: "4",
      __BITS_PER_LONG: "32",
    },
    cGuard: "defined(__arm__) && defined(__ARM_EABI__)",
    bits: 32,
    generic: false,
    firstKernel: "2.6.32",
    tbl: { paths: ["arch/arm/tools/syscall.tbl"], abis: ["common", "eabi"], offset: 0 },
    quirks: { syscallMaskZero: true },
  },
  {
    name: "arm64",
    aliases: ["aarch64"],
    goarch: "arm64",
    linuxArch: "arm64",
    triplets: ["aarch64-linux-gnu"],
    debianArch: "arm64",
    rhelMachine: "aarch64",
    biarchHost: undefined,
    compatHost: undefined,
    debianFlavours: ["arm64", "cloud-arm64", "rt-arm64", "arm64-16k"],
    installedHeader: undefined,
    headerTable: undefined,
    mkallCFlags: ["-fsigned-char"],
    macros: {
      __aarch64__: "1",
      __LP64__: "1",
      _LP64: "1",
      __CHAR_BIT__: "8",
      __SIZEOF_LONG__: "8",
      __SIZEOF_POINTER__: "8",
      __BITS_PER_LONG: "64",
    },
    cGuard: "defined(__aarch64__)",
    bits: 64,
    generic: true,
    firstKernel: "3.7",
    tbl: undefined,
    quirks: { archSpecificSyscall: true },
  },
  {
    name: "loong64",
    aliases: ["loongarch64"],
    goarch: "loong64",
    linuxArch: "loongarch",
    triplets: ["loongarch64-linux-gnu"],
    debianArch: "loong64",
    rhelMachine: undefined,
    biarchHost: undefined,
    compatHost: undefined,
    debianFlavours: ["loong64"],
    installedHeader: undefined,
    headerTable: undefined,
    mkallCFlags: [],
    macros: {
      __loongarch__: "1",
      __loongarch64: "1",
      __loongarch_grlen: "64",
      __LP64__: "1",
      _LP64: "1",
      __CHAR_BIT__: "8",
      __SIZEOF_LONG__: "8",
      __SIZEOF_POINTER__: "8",
      __BITS_PER_LONG: "64",
    },
    cGuard: "defined(__loongarch__) && defined(__loongarch64)",
    bits: 64,
    generic: true,
    firstKernel: "5.19",
    tbl: undefined,
    quirks: { archSpecificSyscall: true },
  },
  {
    name: "mips",
    aliases: [],
    goarch: "mips",
    linuxArch: "mips",
    triplets: ["mips-linux-gnu"],
    debianArch: "mips",
    rhelMachine: undefined,
    biarchHost: undefined,
    compatHost: undefined,
    debianFlavours: [],
    installedHeader: "unistd_o32.h",
    headerTable: undefined,
    mkallCFlags: [],
    macros: {
      __mips__: "1",
      __mips: "32",
      __MIPSEB__: "1",
      _MIPS_SIM: "1",
      _ABIO32: "1",
      _ABIN32: "2",
      _ABI64: "3",
      _MIPS_SIM_ABI32: "1",
      _MIPS_SIM_NABI32: "2",
      _MIPS_SIM_ABI64: "3",
      _MIPS_SZLONG: "32",
      __CHAR_BIT__: "8",
      __SIZEOF_LONG__: "4",
      __SIZEOF_POINTER__: "4",
      __BITS_PER_LONG: "32",
    },
    cGuard: "defined(__mips__) && _MIPS_SIM == _ABIO32",
    bits: 32,
    generic: false,
    firstKernel: "2.6.32",
    tbl: { paths: mipsTbl("o32"), abis: ["common", "o32"], offset: 4000, offsetMacro: "__NR_Linux" },
    quirks: {},
  },
  {
    name: "mipsle",
    aliases: ["mipsel"],
    goarch: "mipsle",
    linuxArch: "mips",
    triplets: ["mipsel-linux-gnu"],
    debianArch: "mipsel",
    rhelMachine: undefined,
    biarchHost: undefined,
    compatHost: undefined,
    debianFlavours: [],
    installedHeader: "unistd_o32.h",
    headerTable: undefined,
    mkallCFlags: [],
    macros: {
      __mips__: "1",
      __mips: "32",
      __MIPSEL__: "1",
      _MIPS_SIM: "1",
      _ABIO32: "1",
      _ABIN32: "2",
      _ABI64: "3",
      _MIPS_SIM_ABI32: "1",
      _MIPS_SIM_NABI32: "2",
      _MIPS_SIM_ABI64: "3",
      _MIPS_SZLONG: "32",
      __CHAR_BIT__: "8",
      __SIZEOF_LONG__: "4",
      __SIZEOF_POINTER__: "4",
      __BITS_PER_LONG: "32",
    },
    cGuard: "defined(__mips__) && _MIPS_SIM == _ABIO32",
    bits: 32,
    generic: false,
    firstKernel: "2.6.32",
    tbl: { paths: mipsTbl("o32"), abis: ["common", "o32"], offset: 4000, offsetMacro: "__NR_Linux" },
    quirks: {},
  },
  {
    name: "mips64",
    aliases: [],
    goarch: "mips64",
    linuxArch: "mips",
    triplets: ["mips64-linux-gnuabi64"],
    debianArch: "mips64",
    rhelMachine: undefined,
    biarchHost: undefined,
    compatHost: undefined,
    debianFlavours: [],
    installedHeader: "unistd_n64.h",
    headerTable: undefined,
    mkallCFlags: [],
    macros: {
      __mips__: "1",
      __mips: "64",
      __mips64: "1",
      __MIPSEB__: "1",
      _MIPS_SIM: "3",
      _ABIO32: "1",
      _ABIN32: "2",
      _ABI64: "3",
      _MIPS_SIM_ABI32: "1",
      _MIPS_SIM_NABI32: "2",
      _MIPS_SIM_ABI64: "3",
      _MIPS_SZLONG: "64",
      __LP64__: "1",
      __CHAR_BIT__: "8",
      __SIZEOF_LONG__: "8",
      __SIZEOF_POINTER__: "8",
      __BITS_PER_LONG: "64",
    },
    cGuard: "defined(__mips__) && _MIPS_SIM == _ABI64",
    bits: 64,
    generic: false,
    firstKernel: "2.6.32",
    tbl: { paths: mipsTbl("n64"), abis: ["common", "n64"], offset: 5000, offsetMacro: "__NR_Linux" },
    quirks: {},
  },
  {
    name: "mips64le",
    aliases: ["mips64el"],
    goarch: "mips64le",
    linuxArch: "mips",
    triplets: ["mips64el-linux-gnuabi64"],
    debianArch: "mips64el",
    rhelMachine: undefined,
    biarchHost: undefined,
    compatHost: undefined,
    debianFlavours: [],
    installedHeader: "unistd_n64.h",
    headerTable: undefined,
    mkallCFlags: [],
    macros: {
      __mips__: "1",
      __mips: "64",
      __mips64: "1",
      __MIPSEL__: "1",
      _MIPS_SIM: "3",
      _ABIO32: "1",
      _ABIN32: "2",
      _ABI64: "3",
      _MIPS_SIM_ABI32: "1",
      _MIPS_SIM_NABI32: "2",
      _MIPS_SIM_ABI64: "3",
      _MIPS_SZLONG: "64",
      __LP64__: "1",
      __CHAR_BIT__: "8",
      __SIZEOF_LONG__: "8",
      __SIZEOF_POINTER__: "8",
      __BITS_PER_LONG: "64",
    },
    cGuard: "defined(__mips__) && _MIPS_SIM == _ABI64",
    bits: 64,
    generic: false,
    firstKernel: "2.6.32",
    tbl: { paths: mipsTbl("n64"), abis: ["common", "n64"], offset: 5000, offsetMacro: "__NR_Linux" },
    quirks: {},
  },
  {
    name: "ppc",
    aliases: ["powerpc"],
    goarch: "ppc",
    linuxArch: "powerpc",
    triplets: ["powerpc-linux-gnu"],
    debianArch: "powerpc",
    rhelMachine: undefined,
    biarchHost: "ppc64",
    compatHost: "ppc64",
    debianFlavours: [],
    installedHeader: undefined,
    headerTable: undefined,
    mkallCFlags: [],
    macros: {
      __powerpc__: "1",
      __PPC__: "1",
      __BIG_ENDIAN__: "1",
      __CHAR_BIT__: "8",
      __SIZEOF_LONG__: "4",
      __SIZEOF_POINTER__: "4",
      __BITS_PER_LONG: "32",
    },
    cGuard: "defined(__powerpc__) && !defined(__powerpc64__)",
    bits: 32,
    generic: false,
    firstKernel: "2.6.32",
    tbl: { paths: ppcTbl, abis: ["common", "32", "nospu"], offset: 0 },
    quirks: {},
  },
  {
    name: "ppc64",
    aliases: ["powerpc64"],
    goarch: "ppc64",
    linuxArch: "powerpc",
    triplets: ["powerpc64-linux-gnu"],
    debianArch: "ppc64",
    rhelMachine: "ppc64",
    biarchHost: undefined,
    compatHost: undefined,
    debianFlavours: ["powerpc64"],
    installedHeader: undefined,
    headerTable: undefined,
    mkallCFlags: [],
    macros: {
      __powerpc__: "1",
      __powerpc64__: "1",
      __PPC__: "1",
      __PPC64__: "1",
      __BIG_ENDIAN__: "1",
      __LP64__: "1",
      _LP64: "1",
      __CHAR_BIT__: "8",
      __SIZEOF_LONG__: "8",
      __SIZEOF_POINTER__: "8",
      __BITS_PER_LONG: "64",
    },
    cGuard: "defined(__powerpc64__) && defined(__BIG_ENDIAN__)",
    bits: 64,
    generic: false,
    firstKernel: "2.6.32",
    tbl: { paths: ppcTbl, abis: ["common", "64", "nospu"], offset: 0 },
    quirks: {},
  },
  {
    name: "ppc64le",
    aliases: ["ppc64el", "powerpc64le"],
    goarch: "ppc64le",
    linuxArch: "powerpc",
    triplets: ["powerpc64le-linux-gnu"],
    debianArch: "ppc64el",
    rhelMachine: "ppc64le",
    biarchHost: undefined,
    compatHost: undefined,
    debianFlavours: ["powerpc64le", "powerpc64le-64k"],
    installedHeader: undefined,
    headerTable: undefined,
    mkallCFlags: [],
    macros: {
      __powerpc__: "1",
      __powerpc64__: "1",
      __PPC__: "1",
      __PPC64__: "1",
      __LITTLE_ENDIAN__: "1",
      __LP64__: "1",
      _LP64: "1",
      __CHAR_BIT__: "8",
      __SIZEOF_LONG__: "8",
      __SIZEOF_POINTER__: "8",
      __BITS_PER_LONG: "64",
    },
    cGuard: "defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)",
    bits: 64,
    generic: false,
    firstKernel: "3.13",
    tbl: { paths: ppcTbl, abis: ["common", "64", "nospu"], offset: 0 },
    quirks: {},
  },
  {
    name: "riscv64",
    aliases: [],
    goarch: "riscv64",
    linuxArch: "riscv",
    triplets: ["riscv64-linux-gnu"],
    debianArch: "riscv64",
    rhelMachine: undefined,
    biarchHost: undefined,
    compatHost: undefined,
    debianFlavours: ["riscv64"],
    installedHeader: undefined,
    headerTable: undefined,
    mkallCFlags: [],
    macros: {
      __riscv: "1",
      __riscv_xlen: "64",
      __LP64__: "1",
      _LP64: "1",
      __CHAR_BIT__: "8",
      __SIZEOF_LONG__: "8",
      __SIZEOF_POINTER__: "8",
      __BITS_PER_LONG: "64",
    },
    cGuard: "defined(__riscv) && __riscv_xlen == 64",
    bits: 64,
    generic: true,
    firstKernel: "4.15",
    tbl: undefined,
    quirks: { archSpecificSyscall: true },
  },
  {
    name: "s390x",
    aliases: [],
    goarch: "s390x",
    linuxArch: "s390",
    triplets: ["s390x-linux-gnu"],
    debianArch: "s390x",
    rhelMachine: "s390x",
    biarchHost: undefined,
    compatHost: undefined,
    debianFlavours: ["s390x"],
    installedHeader: undefined,
    headerTable: undefined,
    mkallCFlags: ["-fsigned-char"],
    macros: {
      __s390__: "1",
      __s390x__: "1",
      __zarch__: "1",
      __LP64__: "1",
      _LP64: "1",
      __CHAR_BIT__: "8",
      __SIZEOF_LONG__: "8",
      __SIZEOF_POINTER__: "8",
      __BITS_PER_LONG: "64",
    },
    cGuard: "defined(__s390x__)",
    bits: 64,
    generic: false,
    firstKernel: "2.6.32",
    tbl: { paths: ["arch/s390/kernel/syscalls/syscall.tbl"], abis: ["common", "64"], offset: 0 },
    quirks: {},
  },
  {
    name: "sparc64",
    aliases: [],
    goarch: "sparc64",
    linuxArch: "sparc",
    triplets: ["sparc64-linux-gnu"],
    debianArch: "sparc64",
    rhelMachine: undefined,
    biarchHost: undefined,
    compatHost: undefined,
    debianFlavours: ["sparc64", "sparc64-smp"],
    installedHeader: undefined,
    headerTable: undefined,
    mkallCFlags: [],
    macros: {
      __sparc__: "1",
      __sparc: "1",
      __sparc_v9__: "1",
      __arch64__: "1",
      __LP64__: "1",
      _LP64: "1",
      __CHAR_BIT__: "8",
      __SIZEOF_LONG__: "8",
      __SIZEOF_POINTER__: "8",
      __BITS_PER_LONG: "64",
    },
    cGuard: "defined(__sparc__) && defined(__arch64__)",
    bits: 64,
    generic: false,
    firstKernel: "2.6.32",
    tbl: { paths: ["arch/sparc/kernel/syscalls/syscall.tbl"], abis: ["common", "64"], offset: 0 },
    quirks: {},
  },
];

/** The names of {@link targets}, in table order. */
export const targetNames: readonly TargetName[] = targets.map((t) => t.name);

/** Every target that golang.org/x/sys has a `zsysnum_linux_<goarch>.go` for. */
export const goTargets: readonly Target[] = targets.filter((t) => t.goarch !== undefined);

/** Every word naming a target, lower-cased: its name, GOARCH and aliases (`x86_64`, `ppc64el`, `i686`). */
const targetByWord: ReadonlyMap<string, Target> = new Map(
  targets.flatMap((t) =>
    [t.name, ...(t.goarch === undefined ? [] : [t.goarch]), ...t.aliases].map((w) => [w.toLowerCase(), t] as const),
  ),
);

/** Every word an arch may be given as (names first, then aliases), for listings and "did you mean". */
export const archWords: readonly string[] = [...new Set([...targetNames, ...targetByWord.keys()])];

/**
 * The target an arch word names, in any case: its name (`amd64`, `x32`), GOARCH, or one of the aliases
 * `uname -m`, Debian and RPM use (`x86_64`, `AArch64`, `i686`, `ppc64el`, `armv7hl`); undefined for any other word.
 */
export function resolveArch(word: string): TargetName | undefined {
  return findTarget(word)?.name;
}

/** The row of {@link targets} for a target name or any alias of it (see {@link resolveArch}), if any. */
export function findTarget(name: string): Target | undefined {
  return targetByWord.get(name) ?? targetByWord.get(name.trim().toLowerCase());
}

/** Debian's package of this ABI's headers for cross compilers, `linux-libc-dev-<debianArch>-cross`. */
export function debianCrossPackage(target: Target): string {
  if (target.debianArch === undefined) throw new InternalError(`${target.name} has no Debian architecture`);
  return `linux-libc-dev-${target.debianArch}-cross`;
}

/**
 * The per-ABI header 6.11+ asm-generic ports (arm64, loong64, riscv64) install beside `asm/unistd.h`,
 * generated from `scripts/syscall.tbl` for a word size: `unistd_64.h` (riscv installs rv32's `unistd_32.h`
 * too). Its base name is x86's, so only its asm-generic numbering (`__NR_io_setup 0`) tells it apart.
 */
export function asmGenericInstalledHeader(bits: 32 | 64): string {
  return `unistd_${bits}.h`;
}

/** golang.org/x/sys's file of a GOARCH's syscall numbers: `zsysnum_linux_<goarch>.go` in `unix/`. */
export function zsysnumFileName(goarch: string): string {
  return `zsysnum_linux_${goarch}.go`;
}

/** The GOARCH a `zsysnum_linux_<goarch>.go` base name is for, or undefined for any other name. */
export function goarchOfZsysnumFile(name: string): string | undefined {
  return /^zsysnum_linux_(\w+)\.go$/.exec(name)?.[1];
}
