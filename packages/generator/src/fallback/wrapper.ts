/**
 * `include/asm/unistd.h`: puts the fallbacks behind the header every syscall user already
 * includes (glibc's <sys/syscall.h> includes <asm/unistd.h>), so `-I<out>/include` fixes a
 * build with no source edit.
 */
import { banner, fallbackBody } from "./header.ts";
import type { FallbackInput } from "./header.ts";

/**
 * The fallbacks are inlined rather than included from ../../syscall_fallback.h: the include
 * directory then works when copied or vendored on its own, and the shared include guard keeps
 * the two files from both applying.
 */
export function renderAsmUnistdWrapper(input: FallbackInput): string {
  return `${banner(input, "include/asm/unistd.h")}
/* #include_next is a GNU extension that clang -pedantic warns about (-Wgnu-include-next) outside
 * a system header. The system's own <asm/unistd.h> comes first, so every number is cross-checked. */
#pragma GCC system_header
#include_next <asm/unistd.h>

${fallbackBody(input, { orderingNote: false })}`;
}
