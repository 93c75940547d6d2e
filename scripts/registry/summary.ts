/** The coverage summary `pnpm regen:registry` prints: per target, exact and derived cells and what stays uncertain. */
import type { RegistryData } from "../../packages/kernels/src/model.ts";
import { allSeries, compareSeries } from "../../packages/kernels/src/series.ts";
import { cellStatus } from "../../packages/kernels/src/table.ts";
import { findTarget } from "../../packages/core/src/index.ts";

export function coverageSummary(data: RegistryData): string {
  const rows = ["target    first  cells  exact  derived  derived-with-uncertain-entries"];
  let total = 0;
  for (const reg of Object.values(data.targets)) {
    if (reg === undefined) continue;
    const first = findTarget(reg.target)?.firstKernel ?? "2.6.32";
    const cells = allSeries.filter((s) => compareSeries(s, first) >= 0).map((s) => cellStatus(reg, s));
    const exact = cells.filter((c) => c.kind === "exact").length;
    const open = cells.filter((c) => c.uncertain.length > 0).length;
    total += cells.length;
    const counts = [
      String(cells.length).padStart(5),
      String(exact).padStart(5),
      String(cells.length - exact).padStart(7),
      String(open).padStart(5),
    ];
    rows.push(`${reg.target.padEnd(9)} ${first.padEnd(6)} ${counts.join("  ")}`);
  }
  const builds = data.distros.map((d) => `${d.release} ${d.name} (${Object.keys(d.targets).join(", ")})`);
  rows.push(`${total} (release, arch) cells; distro builds: ${builds.join("; ")}`);
  return rows.join("\n");
}
