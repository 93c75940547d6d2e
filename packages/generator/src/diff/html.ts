/**
 * One self-contained HTML page (inline CSS and script, no external resource, works offline from a
 * file): per arch, a matrix of syscalls (rows, by number) × kernels (columns) showing where each
 * syscall exists, a table of contents of the arches, and a filter (syscall name, changed rows only).
 * Without script the page is complete; the filter only hides rows.
 */
import { targets as allTargets, type SyscallTable, type TargetName } from "@xsysgen/core";
import { archKey, type SinceLookup } from "./diff.ts";

/** One kernel's column in the availability page: its label and tables. */
export interface AvailabilityColumn {
  readonly label: string;
  /** The tables this kernel has; a missing target renders as "n/a" (not known), not as absent. */
  readonly tables: Partial<Record<TargetName, SyscallTable>>;
}

/** Options of {@link renderAvailabilityHtml}. */
export interface AvailabilityOptions {
  readonly title?: string;
  readonly targets?: readonly TargetName[];
  readonly sinceOf?: SinceLookup;
  /** "changed": only rows whose availability or number differs between columns. */
  readonly rows?: "all" | "changed";
}

const css = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1d2330;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 6px}
p.meta{color:#555;margin:0 0 12px}
.legend span{display:inline-block;margin-right:14px}
table.m{border-collapse:collapse;margin-top:6px}
table.m th,table.m td{border:1px solid #d5d9e0;padding:2px 8px;text-align:center;white-space:nowrap}
table.m thead th{background:#eef1f6;position:sticky;top:0}
table.m td.nr{text-align:right;color:#555;font-variant-numeric:tabular-nums}
table.m th.name{text-align:left;font-weight:400;font-family:ui-monospace,Menlo,Consolas,monospace}
table.m td.since{color:#555}
td.y{background:#d9f2dd;color:#14532d}td.n{background:#fbe0e0;color:#7f1d1d}td.na{background:#f3f3f3;color:#888}
td.r{background:#fff1c2;color:#713f12}
tr.diff th.name{font-weight:600}tr.diff td.nr{border-left:4px solid #e08a00}
details{margin-top:10px}summary{cursor:pointer;color:#1f4fa3}
caption{text-align:left;color:#555;padding:2px 0}
nav.toc ul{margin:4px 0 0;padding-left:20px;columns:4 10em}
form.filter{position:sticky;top:0;background:#fff;padding:8px 0;border-bottom:1px solid #d5d9e0;z-index:1}
form.filter input[type=search]{font:inherit;padding:3px 6px;width:18em}form.filter label{margin-right:14px}
`;

// The filter: rows whose syscall name contains the text typed (`SYS_`/`__NR_` prefixes and case
// ignored), optionally only rows that differ; folded full matrices open while a name is typed, and
// an arch section with no matching row is hidden. Plain DOM, no library.
const filterScript = `(function () {
  var q = document.getElementById("q"), changed = document.getElementById("changed");
  var status = document.getElementById("shown");
  function apply() {
    var text = q.value.trim().toLowerCase().replace(/^(sys_|__nr3264_|__nr_)/, ""), only = changed.checked;
    var seen = {}, shown = 0;
    document.querySelectorAll("section.arch").forEach(function (section) {
      var any = false;
      section.querySelectorAll("tr[data-syscall]").forEach(function (tr) {
        var name = tr.getAttribute("data-syscall").toLowerCase();
        var ok = name.indexOf(text) >= 0 && (!only || tr.classList.contains("diff"));
        tr.hidden = !ok;
        if (!ok) return;
        any = true;
        var key = section.id + " " + tr.getAttribute("data-syscall");
        if (!seen[key]) { seen[key] = true; shown++; }
      });
      section.hidden = !any;
      section.querySelectorAll("details").forEach(function (d) { d.open = text !== ""; });
    });
    status.textContent = text === "" && !only ? "" : shown + " rows match";
  }
  q.addEventListener("input", apply);
  changed.addEventListener("change", apply);
})();`;

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

interface Row {
  readonly name: string;
  readonly number: number;
  readonly cells: ReadonlyArray<{ readonly cls: string; readonly text: string; readonly title: string }>;
  readonly differs: boolean;
}

function rowsFor(target: TargetName, columns: readonly AvailabilityColumn[]): Row[] {
  // Constants x/sys prints that are no syscall (arm's SYS_SYSCALL_MASK) are no row, as in diffTables.
  const syscalls = (t: SyscallTable | undefined) => (t?.entries ?? []).filter((e) => e.xsysOnly !== true);
  const numberOf = new Map<string, number>();
  for (const col of columns) for (const e of syscalls(col.tables[target])) numberOf.set(e.name, e.number);
  const maps = columns.map((col) => {
    const t = col.tables[target];
    return t === undefined ? undefined : new Map(syscalls(t).map((e) => [e.name, e.number] as const));
  });
  const rows: Row[] = [...numberOf].map(([name, number]) => {
    const cells = maps.map((m, i) => {
      const label = columns[i]?.label ?? "";
      if (m === undefined) return { cls: "na", text: "n/a", title: `${label}: no ${archKey(target)} table` };
      const n = m.get(name);
      if (n === undefined) return { cls: "n", text: "–", title: `${name}: absent in ${label}` };
      if (n !== number) return { cls: "r", text: String(n), title: `${name} is ${n} in ${label}` };
      return { cls: "y", text: "✓", title: `${name} = ${n} in ${label}` };
    });
    const known = cells.filter((c) => c.cls !== "na");
    const differs = known.some((c) => c.cls !== known[0]?.cls || c.text !== known[0]?.text);
    return { name, number, cells, differs };
  });
  return rows.sort((a, b) => a.number - b.number || (a.name < b.name ? -1 : 1));
}

/** A self-contained HTML page: one row per syscall, one column per kernel, saying which have it. */
export function renderAvailabilityHtml(
  columns: readonly AvailabilityColumn[],
  options: AvailabilityOptions = {},
): string {
  const title = options.title ?? `Syscall availability: ${columns.map((c) => c.label).join(", ")}`;
  const wanted = allTargets.filter(
    (t) =>
      (options.targets === undefined || options.targets.includes(t.name)) &&
      columns.some((c) => c.tables[t.name] !== undefined),
  );
  const out: string[] = [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${esc(title)}</title>`,
    `<style>${css.trim()}</style>`,
    "</head><body>",
    `<h1>${esc(title)}</h1>`,
    `<p class="meta">Kernels: ${columns.map((c) => `<b>${esc(c.label)}</b>`).join(" · ")}</p>`,
    '<p class="legend"><span class="y">✓ present</span> <span>– absent</span> ' +
      "<span>n: present under another number</span> <span>n/a: arch not covered</span> " +
      "<span>bold rows differ between kernels</span></p>",
  ];
  const sections = wanted.map((t) => {
    const rows = rowsFor(t.name, columns);
    const lacking = columns.filter((c) => c.tables[t.name] === undefined).map((c) => c.label);
    return { target: t.name, key: archKey(t.name), rows, differing: rows.filter((r) => r.differs), lacking };
  });
  const notIn = (lacking: readonly string[]) => (lacking.length === 0 ? "" : `; n/a in ${lacking.join(", ")}`);
  out.push(
    '<nav class="toc" aria-label="Arches"><b>Arches</b><ul>',
    ...sections.map(
      (x) =>
        `<li><a href="#arch-${esc(x.key)}">${esc(x.key)}</a> ` +
        `(${x.differing.length} of ${x.rows.length} differ${esc(notIn(x.lacking))})</li>`,
    ),
    "</ul></nav>",
    '<form class="filter" role="search" onsubmit="return false">' +
      '<label for="q">Syscall</label> <input type="search" id="q" placeholder="name, e.g. statx" autocomplete="off"> ' +
      '<label><input type="checkbox" id="changed"> changed rows only</label> ' +
      '<output id="shown" for="q changed"></output>' +
      "</form>",
  );
  const sinceHead = options.sinceOf === undefined ? "" : '<th scope="col">first kernel</th>';
  const kernelHeads = columns.map((c) => `<th scope="col">${esc(c.label)}</th>`).join("");
  const head = `<thead><tr><th scope="col">nr</th><th scope="col">syscall</th>${sinceHead}${kernelHeads}</tr></thead>`;
  for (const { target, key, rows, differing, lacking } of sections) {
    const table = (caption: string, list: readonly Row[]) => {
      const body = list.map((r) => {
        const s = options.sinceOf?.(r.name, target);
        const since =
          options.sinceOf === undefined
            ? ""
            : `<td class="since">${esc(s === undefined ? "" : typeof s === "string" ? s : s.text)}</td>`;
        const cells = r.cells.map((c) => `<td class="${c.cls}" title="${esc(c.title)}">${esc(c.text)}</td>`).join("");
        const open = `<tr${r.differs ? ' class="diff"' : ""} data-syscall="${esc(r.name)}">`;
        const name = `<th scope="row" class="name">${esc(r.name)}</th>`;
        return `${open}<td class="nr">${r.number}</td>${name}${since}${cells}</tr>`;
      });
      return [
        `<table class="m" data-arch="${esc(key)}"><caption>${esc(caption)}</caption>${head}<tbody>`,
        ...body,
        "</tbody></table>",
      ];
    };
    out.push(
      `<section class="arch" id="arch-${esc(key)}" aria-labelledby="h-${esc(key)}">`,
      `<h2 id="h-${esc(key)}">${esc(key)}</h2>`,
      `<p class="meta">${rows.length} syscalls, ${differing.length} differ between the kernels shown` +
        `${esc(notIn(lacking))}.</p>`,
    );
    // What differs comes first; the full matrix folds away (details/summary needs no script).
    if (differing.length > 0) out.push(...table(`${key}: the ${differing.length} syscalls that differ`, differing));
    if (options.rows !== "changed")
      out.push(
        `<details><summary>All ${rows.length} ${esc(key)} syscalls</summary>`,
        ...table(`${key}: all ${rows.length} syscalls`, rows),
        "</details>",
      );
    out.push("</section>");
  }
  out.push(`<script>${filterScript}</script>`, "</body></html>");
  return `${out.join("\n")}\n`;
}
