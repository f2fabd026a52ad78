// The heatmap: stage × visible lane, one metric at a time (mean pain, max pain, NPS or
// feedback count), on a colour-blind-safe sequential scale with the number printed in
// every cell. Weak cells are hatched and lighter AND carry a "*" (see the legend).
// Clicking a cell shows the board filtered to that cell.
import { memo, useCallback, useMemo } from "react";
import type { EvidenceRules, HeatCell, Heatmap } from "../../bindings";
import { isolate } from "../../lib/bidi";
import { HEAT_METRICS, type HeatMetric, heatColours, heatValue, sequentialColour } from "../../lib/heat";
import { selectAnalysis, selectHeatMetric, selectLanes, selectStages, useMapSelector, useMapStore } from "../map/mapStore";
import "./heatmap.css";

export function HeatmapView() {
  const store = useMapStore();
  const analysis = useMapSelector(selectAnalysis);
  const metric = useMapSelector(selectHeatMetric);
  return (
    <div className="heatmap-view" data-testid="heatmap-view" data-view="heatmap">
      <div className="heatmap-view__bar">
        <label>
          Show{" "}
          <select data-testid="heatmap-metric" value={metric} onChange={(e) => store.set({ heatMetric: e.target.value as HeatMetric })}>
            {HEAT_METRICS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <Legend metric={metric} rules={analysis?.rules ?? null} />
      </div>
      {analysis === null ? <p className="insight__loading">Analysing the map…</p> : <HeatGrid heatmap={analysis.heatmap} metric={metric} />}
    </div>
  );
}

// Memoised on the rules and the heatmap, which a fresh analysis keeps while they are unchanged.
const Legend = memo(function Legend({ metric, rules }: { metric: HeatMetric; rules: EvidenceRules | null }) {
  const m = HEAT_METRICS.find((x) => x.value === metric);
  const stops = [0, 0.25, 0.5, 0.75, 1];
  return (
    <div className="heat-legend" data-testid="heat-legend">
      <span>{m?.legend}:</span>
      <span className="heat-legend__ramp" aria-hidden="true">
        {stops.map((t) => (
          <span key={t} style={{ backgroundColor: sequentialColour(t) }} />
        ))}
      </span>
      <span>
        {metric === "nps" ? "high → low" : "low → high"} · <span className="heat-legend__weak">*</span> weak evidence
        {rules !== null && ` (fewer than ${rules.minN} answers, or newest older than ${rules.maxAgeDays} days)`}, hatched · – none
      </span>
    </div>
  );
});

const HeatGrid = memo(function HeatGrid({ heatmap, metric }: { heatmap: Heatmap; metric: HeatMetric }) {
  const store = useMapStore();
  // Stages are new after most edits (their metrics), so this renders again; the cells get
  // their names as strings and skip rendering unless their own cell changed.
  const stages = useMapSelector(selectStages);
  const lanes = useMapSelector(selectLanes);
  const stageNames = useMemo(() => new Map(stages.map((s) => [s.id, s.name])), [stages]);
  const laneNames = useMemo(() => new Map(lanes.map((l) => [l.id, l.name])), [lanes]);
  const stageName = (id: string) => stageNames.get(id) ?? id;
  const laneName = (id: string) => laneNames.get(id) ?? id;
  const maxFeedback = Math.max(0, ...heatmap.cells.map((c) => c.figures.metrics.feedbackCount));

  const open = useCallback(
    (stageId: string, laneId: string) =>
      store.set((s) => ({ screen: "board", filter: { ...s.filter, cell: { stageId, laneId } }, selection: null })),
    [store],
  );

  return (
    <div className="heat-scroll">
      <table className="heat-grid" aria-label={`Heatmap of ${HEAT_METRICS.find((m) => m.value === metric)?.label}`}>
        <thead>
          <tr>
            <th scope="col">Lane \ Stage</th>
            {heatmap.stageIds.map((id) => (
              <th key={id} scope="col">
                <bdi>{stageName(id)}</bdi>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {heatmap.laneIds.map((laneId, row) => (
            <tr key={laneId}>
              <th scope="row">
                <bdi>{laneName(laneId)}</bdi>
              </th>
              {heatmap.stageIds.map((stageId, col) => {
                const cell = heatmap.cells[row * heatmap.stageIds.length + col];
                if (cell === undefined) return <td key={stageId} />;
                return (
                  <HeatCellView
                    key={stageId}
                    cell={cell}
                    stageId={stageId}
                    laneId={laneId}
                    stageName={stageName(stageId)}
                    laneName={laneName(laneId)}
                    metric={metric}
                    maxFeedback={maxFeedback}
                    onOpen={open}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});

type CellProps = {
  cell: HeatCell;
  stageId: string;
  laneId: string;
  stageName: string;
  laneName: string;
  metric: HeatMetric;
  maxFeedback: number;
  onOpen: (stageId: string, laneId: string) => void;
};

const HeatCellView = memo(function HeatCellView({ cell, stageId, laneId, stageName, laneName, metric, maxFeedback, onOpen }: CellProps) {
  const v = heatValue(cell.figures, metric, maxFeedback);
  const colours = heatColours(v);
  // The names isolated, so bidi controls in one cannot reorder the rest of the label.
  const label = `${isolate(stageName)}, ${isolate(laneName)}: ${v.text}${v.weak ? " (weak evidence)" : ""}, ${cell.touchpoints} card${cell.touchpoints === 1 ? "" : "s"}. Show on the board.`;
  return (
    <td>
      <button
        type="button"
        className={v.weak ? "heat-cell heat-cell--weak" : "heat-cell"}
        data-testid="heat-cell"
        data-heat-cell=""
        data-stage-id={stageId}
        data-lane-id={laneId}
        data-weak={v.weak ? "true" : "false"}
        style={{ backgroundColor: colours.background, color: colours.foreground }}
        aria-label={label}
        title={label}
        onClick={() => onOpen(stageId, laneId)}
      >
        <span data-testid="heat-value">{v.text}</span>
        {v.weak && (
          <span className="heat-cell__weak" aria-hidden="true">
            *
          </span>
        )}
      </button>
    </td>
  );
});
