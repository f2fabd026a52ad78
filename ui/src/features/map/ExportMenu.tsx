// The toolbar's "Export as…" menu: everything a map goes out as besides its JSON file.
// Drawings of the map (the whole of it, one stage, or the board's filtered view; with or
// without the flow arrows), of its heatmap and of its emotion and pain curve, as SVG, PNG
// or PDF; the report as PDF pages (A4 or US Letter) or Markdown; and a table of the map
// for a spreadsheet. The Rust side opens the native save dialog and writes the file, the
// same bytes the CLI's `render`, `report` and `export-csv` write.
import { useId, useRef, useState } from "react";
import type { CsvTable, DrawingFormat, DrawingOptions, PageSize, ReportFormat } from "../../bindings";
import { ipc } from "../../ipc";
import { isolate } from "../../lib/bidi";
import { isFilterActive } from "../../lib/filter";
import { useMessages } from "../messages/messages";
import { selectStages, useMapSelector } from "./mapStore";

const TABLES: readonly { table: CsvTable; text: string }[] = [
  { table: "touchpoints", text: "Touchpoints (a row each)" },
  { table: "feedback", text: "Feedback (a row each)" },
];

const FORMATS: readonly DrawingFormat[] = ["svg", "png", "pdf"];

const REPORTS: readonly { format: ReportFormat; page: PageSize; text: string; testId: string }[] = [
  { format: "pdf", page: "a4", text: "PDF, A4", testId: "export-report-pdf-a4" },
  { format: "pdf", page: "letter", text: "PDF, US Letter", testId: "export-report-pdf-letter" },
  { format: "md", page: "a4", text: "Markdown", testId: "export-report-md" },
];

/** What part of the map a drawing shows: the whole map, the filtered view, or a stage's id. */
type Scope = "all" | "filtered" | string;

export function ExportMenu() {
  const mapId = useMapSelector((s) => s.session.view.map.id);
  const stages = useMapSelector(selectStages);
  const filter = useMapSelector((s) => s.filter);
  const filtered = isFilterActive(filter);
  const messages = useMessages();
  const menu = useRef<HTMLDetailsElement>(null);
  const [scope, setScope] = useState<Scope>("all");
  const [arrows, setArrows] = useState(true);
  // The popover opens towards the side with room: leftwards from a menu near the window's
  // right edge, rightwards from one the toolbar wrapped to the left.
  const [align, setAlign] = useState<"left" | "right">("right");
  const ids = useId();
  // A stage that was deleted, or a filter that was cleared, falls back to the whole map.
  const shown: Scope =
    scope === "filtered" ? (filtered ? scope : "all") : scope === "all" || stages.some((s) => s.id === scope) ? scope : "all";

  const done = async (what: string, write: () => Promise<{ path: string | null }>) => {
    if (menu.current) menu.current.open = false;
    try {
      const out = await write();
      if (out.path !== null) messages.showStatus(`Exported ${what} to ${isolate(out.path)}`);
    } catch (e) {
      messages.showError(e);
    }
  };
  const drawing = (what: DrawingOptions["what"], format: DrawingFormat) => {
    const options: DrawingOptions = {
      what,
      format,
      stage: what === "map" && shown !== "all" && shown !== "filtered" ? shown : null,
      noArrows: what === "map" && !arrows,
      filter: what === "map" && shown === "filtered" ? filter : null,
      scale: null,
    };
    const name = what === "map" ? (shown === "filtered" ? "the filtered view" : "the map") : `the ${what}`;
    void done(`${name} as ${format.toUpperCase()}`, () => ipc.exportDrawing(mapId, options));
  };

  return (
    <details
      className="keys-help csv-export"
      ref={menu}
      data-testid="export-menu"
      onToggle={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        setAlign(box.left < window.innerWidth / 2 ? "left" : "right");
      }}
    >
      <summary data-testid="export-csv">Export as…</summary>
      <div className={`keys-help__popover csv-export__popover export-menu export-menu--${align}`}>
        <section aria-labelledby={`${ids}-map`}>
          <h3 id={`${ids}-map`}>The map</h3>
          <label className="export-menu__field">
            Show{" "}
            <select value={shown} data-testid="export-scope" onChange={(e) => setScope(e.target.value)}>
              <option value="all">the whole map</option>
              {filtered && <option value="filtered">the filtered view (the cards the filter keeps)</option>}
              {stages.map((s) => (
                <option key={s.id} value={s.id}>
                  stage {isolate(s.name)}
                </option>
              ))}
            </select>
          </label>
          <label className="export-menu__field">
            <input type="checkbox" checked={arrows} data-testid="export-arrows" onChange={(e) => setArrows(e.target.checked)} /> flow arrows
          </label>
          <div className="export-menu__row">
            {FORMATS.map((f) => (
              <button key={f} type="button" data-testid={`export-map-${f}`} onClick={() => drawing("map", f)}>
                {f.toUpperCase()}
              </button>
            ))}
          </div>
        </section>
        <section aria-labelledby={`${ids}-pictures`}>
          <h3 id={`${ids}-pictures`}>Heatmap and curve</h3>
          <div className="export-menu__row">
            {(["heatmap", "curve"] as const).map((w) =>
              (["svg", "png"] as const).map((f) => (
                <button key={`${w}-${f}`} type="button" data-testid={`export-${w}-${f}`} onClick={() => drawing(w, f)}>
                  {w === "heatmap" ? "Heatmap" : "Curve"} {f.toUpperCase()}
                </button>
              )),
            )}
          </div>
        </section>
        <section aria-labelledby={`${ids}-report`}>
          <h3 id={`${ids}-report`}>The report</h3>
          <div className="export-menu__row">
            {REPORTS.map((r) => (
              <button
                key={r.testId}
                type="button"
                data-testid={r.testId}
                onClick={() => void done(`the report as ${r.text}`, () => ipc.exportReport(mapId, r.format, r.page))}
              >
                {r.text}
              </button>
            ))}
          </div>
        </section>
        <section aria-labelledby={`${ids}-csv`}>
          <h3 id={`${ids}-csv`}>A table for a spreadsheet (CSV)</h3>
          <div className="export-menu__row">
            {TABLES.map((t) => (
              <button
                key={t.table}
                type="button"
                data-testid={`export-csv-${t.table}`}
                onClick={() => void done(`the ${t.table}`, () => ipc.exportCsv(mapId, t.table))}
              >
                {t.text}
              </button>
            ))}
          </div>
        </section>
      </div>
    </details>
  );
}
