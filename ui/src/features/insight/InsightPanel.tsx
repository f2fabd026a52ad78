// The insight panel beside the board: the top pain points (each with pain, NPS with n
// and its 95% interval, how strong its evidence is, in words, and its quotes), the most
// painful path (highlighted on the board on request), hand-offs, structure problems, and
// the backstage impact of the selected touchpoint. All of it comes from `map_insight`,
// fetched by the map screen while the panel is open.
import { useState } from "react";
import type { Analysis, PainPointInsight } from "../../bindings";
import { ipc } from "../../ipc";
import { evidenceWords, formatNpsWithInterval } from "../../lib/evidence";
import { plural } from "../../lib/metrics";
import { painColours } from "../../lib/painScale";
import {
  selectAnalysis,
  selectById,
  selectLanes,
  selectPathOn,
  selectSelectedTouchpointId,
  selectStages,
  useMapSelector,
  useMapStore,
} from "../map/mapStore";
import { useMessages } from "../messages/messages";
import "./insight.css";

/** How many pain points the panel lists. */
const TOP = 10;

type Props = {
  /** Selects the touchpoint and scrolls the board to it. */
  onShow: (touchpointId: string) => void;
  onClose: () => void;
};

export function InsightPanel({ onShow, onClose }: Props) {
  const analysis = useMapSelector(selectAnalysis);
  return (
    <aside className="panel insight-panel" data-panel="insight" data-testid="insight-panel" aria-label="Insight">
      <header className="panel__header">
        <h2 className="panel__title">Insight</h2>
        <button
          type="button"
          className="icon-button"
          data-testid="insight-close"
          aria-label="Close insight panel"
          title="Close (I)"
          onClick={onClose}
        >
          ✕
        </button>
      </header>
      <div className="panel__body">
        {analysis === null ? (
          <p className="insight__loading" data-testid="insight-loading">
            Analysing the map…
          </p>
        ) : (
          <>
            <PainPoints analysis={analysis} onShow={onShow} />
            <PainPath analysis={analysis} onShow={onShow} />
            <Handoffs analysis={analysis} />
            <StructureSection analysis={analysis} onShow={onShow} />
            <Backstage analysis={analysis} onShow={onShow} />
            <Rules analysis={analysis} />
          </>
        )}
      </div>
    </aside>
  );
}

function PainPoints({ analysis, onShow }: { analysis: Analysis; onShow: (id: string) => void }) {
  const points = analysis.painPoints.slice(0, TOP);
  return (
    <section className="panel__section" aria-labelledby="insight-pain-points">
      <h3 id="insight-pain-points">Top pain points</h3>
      {points.length === 0 ? (
        <p className="insight__none">No touchpoint has a pain score above 0.</p>
      ) : (
        <ol className="insight__list">
          {points.map((p) => (
            <PainPointItem key={p.touchpointId} point={p} analysis={analysis} onShow={onShow} />
          ))}
        </ol>
      )}
    </section>
  );
}

function PainPointItem({ point: p, analysis, onShow }: { point: PainPointInsight; analysis: Analysis; onShow: (id: string) => void }) {
  const colours = painColours(p.pain);
  const ev = p.figures.evidence;
  const words = evidenceWords(ev, analysis.rules);
  const weak = ev.weak.length > 0;
  return (
    // A click anywhere on the item shows it.
    // biome-ignore lint/a11y/useKeyWithClickEvents: the button inside is the keyboard's way in, and its click bubbles here.
    <li
      className={weak ? "pain-point pain-point--weak" : "pain-point"}
      data-testid="pain-point"
      data-touchpoint-id={p.touchpointId}
      onClick={() => onShow(p.touchpointId)}
    >
      <button type="button" className="pain-point__show" data-action="show-touchpoint">
        <span
          className="pain-badge"
          style={{ backgroundColor: colours.background, color: colours.foreground }}
          data-testid="pain-point-pain"
        >
          {p.pain}
        </span>{" "}
        <span className="pain-point__title" data-testid="pain-point-title">
          {p.title}
        </span>
      </button>
      <div className="pain-point__where">
        {p.stage} · {p.lane}
      </div>
      <div className="pain-point__nps" data-testid="pain-point-nps">
        {formatNpsWithInterval(p.figures.metrics.nps, ev.npsCi)}
        {p.detractorPct !== null && `, ${p.detractorPct}% detractors`}
      </div>
      <div className="pain-point__evidence" data-testid="pain-point-evidence" data-weak={weak ? "true" : "false"}>
        {weak ? "⚠ " : "✓ "}
        {words.join("; ")}
      </div>
      {p.quotes.length > 0 && (
        <ul className="pain-point__quotes">
          {p.quotes.map((q) => (
            <li key={q.feedbackId} data-testid="pain-point-quote">
              <q>{q.text}</q>
              <span className="pain-point__source">
                {" — "}
                {q.source || "unknown source"}
                {q.date ? `, ${q.date}` : ", undated"}
                {q.nps !== null ? ` (NPS answer ${q.nps})` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function PainPath({ analysis, onShow }: { analysis: Analysis; onShow: (id: string) => void }) {
  const store = useMapStore();
  const on = useMapSelector(selectPathOn);
  const byId = useMapSelector(selectById);
  const stages = useMapSelector(selectStages);
  const lanes = useMapSelector(selectLanes);
  const placeOf = (id: string) => {
    const t = byId.get(id);
    const stage = stages.find((x) => x.id === t?.stageId)?.name ?? "";
    const lane = lanes.find((x) => x.id === t?.laneId)?.name ?? "";
    return `${stage} · ${lane}`;
  };
  const path = analysis.painPaths[0];
  return (
    <section className="panel__section" aria-labelledby="insight-pain-path">
      <h3 id="insight-pain-path">Most painful path</h3>
      {path === undefined ? (
        <p className="insight__none">No flow path: link touchpoints with flow links to see one.</p>
      ) : (
        <>
          <p>
            Total pain {path.totalPain} over {plural(path.steps.length, "step")}
            {path.unscored.length > 0 && ` (${path.unscored.length} unscored, counted as 0)`}.
          </p>
          <button
            type="button"
            data-testid="pain-path-toggle"
            data-action="toggle-path"
            aria-pressed={on}
            title="Highlight the path on the board (P)"
            onClick={() => store.set((s) => ({ pathOn: !s.pathOn }))}
          >
            {on ? "Stop highlighting" : "Highlight on the board"}
          </button>
          <ol className="insight__path">
            {path.steps.map((s) => (
              <li key={s.touchpointId} data-testid="pain-path-step" data-touchpoint-id={s.touchpointId}>
                <button type="button" className="link-button" onClick={() => onShow(s.touchpointId)}>
                  {s.title}
                </button>{" "}
                <span className="insight__muted">
                  {placeOf(s.touchpointId)} · {s.pain === null ? "pain not scored" : `pain ${s.pain}`}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function Handoffs({ analysis }: { analysis: Analysis }) {
  return (
    <section className="panel__section" aria-labelledby="insight-handoffs" data-testid="insight-handoffs">
      <h3 id="insight-handoffs">Hand-offs</h3>
      {analysis.handoffs.length === 0 ? (
        <p className="insight__none">No hand-off links.</p>
      ) : (
        <>
          <p>{plural(analysis.handoffs.length, "hand-off")} in the map.</p>
          <ul className="insight__list">
            {analysis.handoffsPerLanePair.map((p) => (
              <li key={`${p.fromLaneId}-${p.toLaneId}`}>
                {p.fromLane} → {p.toLane}: {p.count}
                {p.meanToPain !== null && <span className="insight__muted"> · mean pain on receipt {p.meanToPain.toFixed(1)}</span>}
              </li>
            ))}
          </ul>
          <p className="insight__muted">
            Per stage:{" "}
            {analysis.handoffsPerStage
              .filter((s) => s.count > 0)
              .map((s) => `${s.stage} ${s.count}`)
              .join(", ") || "none"}
          </p>
        </>
      )}
    </section>
  );
}

function StructureSection({ analysis, onShow }: { analysis: Analysis; onShow: (id: string) => void }) {
  const byId = useMapSelector(selectById);
  const st = analysis.structure;
  const title = (id: string) => byId.get(id)?.title ?? id;
  const cards = (label: string, ids: string[], testId: string) =>
    ids.length > 0 && (
      <div data-testid={testId}>
        <h4>
          {label} ({ids.length})
        </h4>
        <ul className="insight__list">
          {ids.map((id) => (
            <li key={id}>
              <button type="button" className="link-button" onClick={() => onShow(id)}>
                {title(id)}
              </button>
            </li>
          ))}
        </ul>
      </div>
    );
  const none = st.orphans.length + st.deadEnds.length + st.backwards.length + st.staleHandoffs.length + analysis.cycles.length === 0;
  return (
    <section className="panel__section" aria-labelledby="insight-structure" data-testid="insight-structure">
      <h3 id="insight-structure">Structure</h3>
      {none && <p className="insight__none">No structure problems found.</p>}
      {cards("Orphans (no flow in or out)", st.orphans, "structure-orphans")}
      {cards("Dead ends (flow stops early)", st.deadEnds, "structure-dead-ends")}
      {st.backwards.length > 0 && (
        <p data-testid="structure-backwards">{plural(st.backwards.length, "flow link")} going back to an earlier stage.</p>
      )}
      {st.staleHandoffs.length > 0 && (
        <p data-testid="structure-stale-handoffs">
          {plural(st.staleHandoffs.length, "hand-off")} within one lane and owner (nothing handed over).
        </p>
      )}
      {analysis.cycles.length > 0 && (
        <p data-testid="structure-cycles">
          {plural(analysis.cycles.length, "flow cycle")}: {analysis.cycles.map((c) => c.map(title).join(" → ")).join("; ")}
        </p>
      )}
    </section>
  );
}

function Backstage({ analysis, onShow }: { analysis: Analysis; onShow: (id: string) => void }) {
  const selectedId = useMapSelector(selectSelectedTouchpointId);
  const byId = useMapSelector(selectById);
  const title = (id: string) => byId.get(id)?.title ?? id;
  const own = selectedId === null ? undefined : analysis.backstage.find((b) => b.touchpointId === selectedId);
  const supporting = selectedId === null ? [] : analysis.backstage.filter((b) => b.dependents.includes(selectedId));
  return (
    <section className="panel__section" aria-labelledby="insight-backstage" data-testid="insight-backstage">
      <h3 id="insight-backstage">Backstage impact</h3>
      {selectedId === null ? (
        <p className="insight__none">Select a touchpoint to see what depends on it.</p>
      ) : own !== undefined ? (
        <>
          <p>
            {plural(own.dependents.length, "customer-facing touchpoint")} depend on “{own.title}”: total pain {own.totalPain},{" "}
            {plural(own.feedbackCount, "feedback item")}.
          </p>
          <ul className="insight__list">
            {own.dependents.map((id) => (
              <li key={id}>
                <button type="button" className="link-button" onClick={() => onShow(id)}>
                  {title(id)}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : supporting.length > 0 ? (
        <>
          <p>“{title(selectedId)}” depends on:</p>
          <ul className="insight__list">
            {supporting.map((b) => (
              <li key={b.touchpointId}>
                <button type="button" className="link-button" onClick={() => onShow(b.touchpointId)}>
                  {b.title}
                </button>{" "}
                <span className="insight__muted">
                  ({b.lane}; affects {plural(b.dependents.length, "touchpoint")}, total pain {b.totalPain})
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="insight__none">“{title(selectedId)}” is not a backstage touchpoint and depends on none.</p>
      )}
    </section>
  );
}

/** The evidence rules: below how many answers, or after how many days, a figure is weak. */
function Rules({ analysis }: { analysis: Analysis }) {
  const store = useMapStore();
  const messages = useMessages();
  const [minN, setMinN] = useState(String(analysis.rules.minN));
  const [maxAge, setMaxAge] = useState(String(analysis.rules.maxAgeDays));
  const n = Number(minN);
  const days = Number(maxAge);
  const valid = Number.isInteger(n) && n >= 1 && Number.isInteger(days) && days >= 1;
  const changed = n !== analysis.rules.minN || days !== analysis.rules.maxAgeDays;
  return (
    <section className="panel__section" aria-labelledby="insight-rules" data-testid="insight-rules">
      <h3 id="insight-rules">Evidence rules</h3>
      <form
        className="insight__rules"
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid) return;
          ipc.setEvidenceRules(analysis.mapId, n, days).then(
            (next) => store.set({ analysis: next }),
            (err) => messages.showError(err),
          );
        }}
      >
        <label>
          Weak below{" "}
          <input type="number" min={1} step={1} data-testid="rules-min-n" value={minN} onChange={(e) => setMinN(e.target.value)} /> answers
        </label>
        <label>
          or when the newest is over{" "}
          <input type="number" min={1} step={1} data-testid="rules-max-age" value={maxAge} onChange={(e) => setMaxAge(e.target.value)} />{" "}
          days old
        </label>
        <button type="submit" data-testid="rules-apply" disabled={!valid || !changed}>
          Apply
        </button>
      </form>
    </section>
  );
}
