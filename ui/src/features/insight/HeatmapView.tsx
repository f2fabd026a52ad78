// The heatmap: stage × visible lane, one metric at a time (mean pain, max pain, NPS or
// feedback count), on a colour-blind-safe sequential scale with the number printed in
// every cell. Weak cells are hatched and lighter AND carry a "*" (see the legend).
// Clicking a cell shows the board filtered to that cell.
import type { Analysis } from "../../bindings";
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
        <Legend metric={metric} analysis={analysis} />
      </div>
      {analysis === null ? <p className="insight__loading">Analysing the map…</p> : <HeatGrid analysis={analysis} metric={metric} />}
    </div>
  );
}

function Legend({ metric, analysis }: { metric: HeatMetric; analysis: Analysis | null }) {
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
        {analysis !== null && ` (fewer than ${analysis.rules.minN} answers, or newest older than ${analysis.rules.maxAgeDays} days)`},
        hatched · – none
      </span>
    </div>
  );
}

function HeatGrid({ analysis, metric }: { analysis: Analysis; metric: HeatMetric }) {
  const store = useMapStore();
  const stages = useMapSelector(selectStages);
  const lanes = useMapSelector(selectLanes);
  const { heatmap } = analysis;
  const stageName = (id: string) => stages.find((s) => s.id === id)?.name ?? id;
  const laneName = (id: string) => lanes.find((l) => l.id === id)?.name ?? id;
  const maxFeedback = Math.max(0, ...heatmap.cells.map((c) => c.figures.metrics.feedbackCount));

  const open = (stageId: string, laneId: string) =>
    store.set((s) => ({ screen: "board", filter: { ...s.filter, cell: { stageId, laneId } }, selection: null }));

  return (
    <div className="heat-scroll">
      <table className="heat-grid" aria-label={`Heatmap of ${HEAT_METRICS.find((m) => m.value === metric)?.label}`}>
        <thead>
          <tr>
            <th scope="col">Lane \ Stage</th>
            {heatmap.stageIds.map((id) => (
              <th key={id} scope="col">
                {stageName(id)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {heatmap.laneIds.map((laneId, row) => (
            <tr key={laneId}>
              <th scope="row">{laneName(laneId)}</th>
              {heatmap.stageIds.map((stageId, col) => {
                const cell = heatmap.cells[row * heatmap.stageIds.length + col];
                if (cell === undefined) return <td key={stageId} />;
                const v = heatValue(cell.figures, metric, maxFeedback);
                const colours = heatColours(v);
                const label = `${stageName(stageId)}, ${laneName(laneId)}: ${v.text}${v.weak ? " (weak evidence)" : ""}, ${cell.touchpoints} card${cell.touchpoints === 1 ? "" : "s"}. Show on the board.`;
                return (
                  <td key={stageId}>
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
                      onClick={() => open(stageId, laneId)}
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
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
