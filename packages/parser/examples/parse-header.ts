// Evaluate one header the way a cross compiler for a target would
// (run: pnpm exec tsx packages/parser/examples/parse-header.ts).
import { parseUnistdHeader } from "../src/index.ts";

const header = `
#ifdef __ILP32__
# define __NR_statx (__X32_SYSCALL_BIT + 332)
#else
# define __NR_statx 332
#endif
#define __X32_SYSCALL_BIT 0x40000000
`;
for (const target of ["amd64", "x32"] as const) {
  const table = await parseUnistdHeader(header, { source: "example.h", target });
  console.log(target, table.entries.map((e) => `${e.name}=${e.number}`).join(" "));
}
