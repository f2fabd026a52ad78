// The toolbar's "Export CSV" menu: a table of the map for a spreadsheet, one row per
// touchpoint or per feedback item. The Rust side opens the native save dialog and writes
// the file (the CLI's `export-csv` writes the same bytes).
import { useRef } from "react";
import type { CsvTable } from "../../bindings";
import { ipc } from "../../ipc";
import { isolate } from "../../lib/bidi";
import { useMessages } from "../messages/messages";
import { useMapSelector } from "./mapStore";

const TABLES: readonly { table: CsvTable; text: string }[] = [
  { table: "touchpoints", text: "Touchpoints (a row each)…" },
  { table: "feedback", text: "Feedback (a row each)…" },
];

export function CsvExportMenu() {
  const mapId = useMapSelector((s) => s.session.view.map.id);
  const messages = useMessages();
  const menu = useRef<HTMLDetailsElement>(null);
  const run = async (table: CsvTable) => {
    if (menu.current) menu.current.open = false;
    try {
      const out = await ipc.exportCsv(mapId, table);
      if (out.path !== null) messages.showStatus(`Exported the ${table} to ${isolate(out.path)}`);
    } catch (e) {
      messages.showError(e);
    }
  };
  return (
    <details className="keys-help csv-export" ref={menu}>
      <summary data-testid="export-csv">Export CSV</summary>
      <div className="keys-help__popover csv-export__popover">
        {TABLES.map((t) => (
          <button key={t.table} type="button" data-testid={`export-csv-${t.table}`} onClick={() => void run(t.table)}>
            {t.text}
          </button>
        ))}
      </div>
    </details>
  );
}
