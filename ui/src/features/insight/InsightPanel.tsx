// The insight panel beside the board: the top pain points (each with pain, NPS with n
// and its 95% interval, how strong its evidence is, in words, and its quotes), the most
// painful path (highlighted on the board on request), hand-offs, structure problems, and
// the backstage impact of the selected touchpoint. All of it comes from `map_insight`,
// fetched by the map screen while the panel is open. Names and titles are shown in <bdi>
// (or isolated, in the joined lists), so their bidi controls cannot reorder the sentences.
import { memo, useMemo, useState } from "react";
import type {
  BackstageImpact,
  EvidenceRules,
  HandoffCount,
  LanePairCount,
  PainPathInsight,
  PainPointInsight,
  Structure,
} from "../../bindings";
import { ipc } from "../../ipc";
import { isolate } from "../../lib/bidi";
import { plural } from "../../lib/metrics";
import { useEditsOff } from "../common/readOnly";
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
import { setAnalysis } from "../map/useMapInsight";
import { useMessages } from "../messages/messages";
import { type LatestVote, latestVotes } from "../workshop/voting";
import { PainPathStep, PainPointItem, TouchpointButton } from "./InsightItems";
import "./insight.css";

/** How many pain points the panel lists. */
const TOP = 10;
/**
 * How many steps of the most painful path the panel lists until "Show all" is pressed.
 * A path through a big map can have a thousand steps: listed whole, each edit re-rendered
 * and laid out a thousand rows (at 1,000 touchpoints, about 10 ms of every edit's
 * insight repaint). The whole path is still highlighted on the board.
 */
export const PATH_STEPS = 30;

type OnShow = (touchpointId: string) => void;

type Props = {
  /** Selects the touchpoint and scrolls the board to it. */
  onShow: OnShow;
  onClose: () => void;
};

// Each section is memoised and takes only its part of the analysis: a fresh analysis
// keeps the objects of the parts an edit left alone, so those sections skip rendering.
export function InsightPanel({ onShow, onClose }: Props) {
  const analysis = useMapSelector(selectAnalysis);
  // Each pain point's dots in the latest voting round over it (kept while the rounds are unchanged).
  const votes = useMapSelector((s) => latestVotes(s.session.view.rounds));
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
            <PainPoints points={analysis.painPoints} rules={analysis.rules} votes={votes} onShow={onShow} />
            <PainPath path={analysis.painPaths[0]} onShow={onShow} />
            <Handoffs count={analysis.handoffCount} perLanePair={analysis.handoffsPerLanePair} perStage={analysis.handoffsPerStage} />
            <StructureSection structure={analysis.structure} cycles={analysis.cycles} onShow={onShow} />
            <Backstage backstage={analysis.backstage} onShow={onShow} />
            <Rules mapId={analysis.mapId} rules={analysis.rules} />
          </>
        )}
      </div>
    </aside>
  );
}

const PainPoints = memo(function PainPoints({
  points: all,
  rules,
  votes,
  onShow,
}: {
  points: PainPointInsight[];
  rules: EvidenceRules;
  votes: ReadonlyMap<string, LatestVote>;
  onShow: OnShow;
}) {
  // Sliced here, not by the caller: a new slice on every render would defeat the memo.
  const points = all.slice(0, TOP);
  return (
    <section className="panel__section" aria-labelledby="insight-pain-points">
      <div className="insight__heading-row">
        <h3 id="insight-pain-points">Top pain points</h3>
        {votes.size > 0 && (
          <span className="insight__column-label" data-testid="pain-point-votes-label" title="Dots in the latest voting round over each">
            Votes
          </span>
        )}
      </div>
      {points.length === 0 ? (
        <p className="insight__none">No touchpoint has a pain score above 0.</p>
      ) : (
        <ol className="insight__list">
          {points.map((p) => (
            <PainPointItem key={p.touchpointId} point={p} rules={rules} vote={votes.get(p.touchpointId)} onShow={onShow} />
          ))}
        </ol>
      )}
    </section>
  );
});

/** Stage or lane names by id, rebuilt only when the list changes. */
function useNames(items: readonly { id: string; name: string }[]): ReadonlyMap<string, string> {
  return useMemo(() => new Map(items.map((x) => [x.id, x.name])), [items]);
}

const PainPath = memo(function PainPath({ path, onShow }: { path: PainPathInsight | undefined; onShow: OnShow }) {
  const store = useMapStore();
  const on = useMapSelector(selectPathOn);
  // Every edit gives new touchpoints (and stages, with their metrics), so this renders
  // again; the steps get equal strings and skip rendering unless their own step changed.
  const byId = useMapSelector(selectById);
  const stageNames = useNames(useMapSelector(selectStages));
  const laneNames = useNames(useMapSelector(selectLanes));
  const [whole, setWhole] = useState(false);
  const stageOf = (id: string) => {
    const t = byId.get(id);
    return t === undefined ? "" : (stageNames.get(t.stageId) ?? "");
  };
  const laneOf = (id: string) => {
    const t = byId.get(id);
    return t === undefined ? "" : (laneNames.get(t.laneId) ?? "");
  };
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
            {(whole ? path.steps : path.steps.slice(0, PATH_STEPS)).map((s) => (
              <PainPathStep key={s.touchpointId} step={s} stage={stageOf(s.touchpointId)} lane={laneOf(s.touchpointId)} onShow={onShow} />
            ))}
          </ol>
          {path.steps.length > PATH_STEPS && (
            <button type="button" data-testid="pain-path-more" aria-expanded={whole} onClick={() => setWhole((w) => !w)}>
              {whole ? `Show the first ${PATH_STEPS} steps` : `Show all ${path.steps.length} steps`}
            </button>
          )}
        </>
      )}
    </section>
  );
});

const Handoffs = memo(function Handoffs({
  count,
  perLanePair,
  perStage,
}: {
  count: number;
  perLanePair: LanePairCount[];
  perStage: HandoffCount[];
}) {
  return (
    <section className="panel__section" aria-labelledby="insight-handoffs" data-testid="insight-handoffs">
      <h3 id="insight-handoffs">Hand-offs</h3>
      {count === 0 ? (
        <p className="insight__none">No hand-off links.</p>
      ) : (
        <>
          <p>{plural(count, "hand-off")} in the map.</p>
          <ul className="insight__list">
            {perLanePair.map((p) => (
              <li key={`${p.fromLaneId}-${p.toLaneId}`}>
                <bdi>{p.fromLane}</bdi> → <bdi>{p.toLane}</bdi>: {p.count}
                {p.meanToPain !== null && <span className="insight__muted"> · mean pain on receipt {p.meanToPain.toFixed(1)}</span>}
              </li>
            ))}
          </ul>
          <p className="insight__muted">
            Per stage:{" "}
            {perStage
              .filter((s) => s.count > 0)
              .map((s) => `${isolate(s.stage)} ${s.count}`)
              .join(", ") || "none"}
          </p>
        </>
      )}
    </section>
  );
});

const StructureSection = memo(function StructureSection({
  structure: st,
  cycles,
  onShow,
}: {
  structure: Structure;
  cycles: string[][];
  onShow: OnShow;
}) {
  // New after every edit; the items get title strings, so they skip rendering unless a title changed.
  const byId = useMapSelector(selectById);
  const title = (id: string) => byId.get(id)?.title ?? id;
  const cards = (label: string, ids: string[], testId: string) =>
    ids.length > 0 && (
      <div data-testid={testId}>
        <h4>
          {label} ({ids.length})
        </h4>
        <ul className="insight__list">
          {ids.map((id) => (
            <TouchpointButton key={id} id={id} title={title(id)} onShow={onShow} />
          ))}
        </ul>
      </div>
    );
  const none = st.orphans.length + st.deadEnds.length + st.backwards.length + st.staleHandoffs.length + cycles.length === 0;
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
      {cycles.length > 0 && (
        <p data-testid="structure-cycles">
          {plural(cycles.length, "flow cycle")}: {cycles.map((c) => c.map((id) => isolate(title(id))).join(" → ")).join("; ")}
        </p>
      )}
    </section>
  );
});

const Backstage = memo(function Backstage({ backstage, onShow }: { backstage: BackstageImpact[]; onShow: OnShow }) {
  const selectedId = useMapSelector(selectSelectedTouchpointId);
  const byId = useMapSelector(selectById);
  const lanes = useMapSelector(selectLanes);
  const title = (id: string) => byId.get(id)?.title ?? id;
  const own = selectedId === null ? undefined : backstage.find((b) => b.touchpointId === selectedId);
  // A backstage touchpoint that nothing customer-facing depends on is not in the list.
  const laneId = selectedId === null ? undefined : byId.get(selectedId)?.laneId;
  const laneKind = lanes.find((l) => l.id === laneId)?.kind;
  const isBackstage = laneKind === "supporting_systems" || laneKind === "third_party" || laneKind === "policies";
  const supporting = selectedId === null ? [] : backstage.filter((b) => b.dependents.includes(selectedId));
  return (
    <section className="panel__section" aria-labelledby="insight-backstage" data-testid="insight-backstage">
      <h3 id="insight-backstage">Backstage impact</h3>
      {selectedId === null ? (
        <p className="insight__none">Select a touchpoint to see what depends on it.</p>
      ) : own !== undefined ? (
        <>
          <p>
            {plural(own.dependents.length, "customer-facing touchpoint")} depend on “<bdi>{own.title}</bdi>”: total pain {own.totalPain},{" "}
            {plural(own.feedbackCount, "feedback item")}.
          </p>
          <ul className="insight__list">
            {own.dependents.map((id) => (
              <TouchpointButton key={id} id={id} title={title(id)} onShow={onShow} />
            ))}
          </ul>
        </>
      ) : supporting.length > 0 ? (
        <>
          <p>
            “<bdi>{title(selectedId)}</bdi>” depends on:
          </p>
          <ul className="insight__list">
            {supporting.map((b) => (
              <li key={b.touchpointId}>
                <button type="button" className="link-button" onClick={() => onShow(b.touchpointId)}>
                  <bdi>{b.title}</bdi>
                </button>{" "}
                <span className="insight__muted">
                  (<bdi>{b.lane}</bdi>; affects {plural(b.dependents.length, "touchpoint")}, total pain {b.totalPain})
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : isBackstage ? (
        <p className="insight__none">
          No customer-facing touchpoint depends on “<bdi>{title(selectedId)}</bdi>”.
        </p>
      ) : (
        <p className="insight__none">
          “<bdi>{title(selectedId)}</bdi>” is not a backstage touchpoint and depends on none.
        </p>
      )}
    </section>
  );
});

/** The evidence rules: below how many answers, or after how many days, a figure is weak. */
const Rules = memo(function Rules({ mapId, rules }: { mapId: string; rules: EvidenceRules }) {
  const store = useMapStore();
  const messages = useMessages();
  // The rules are stored with the map: not changeable on a read-only database.
  const editsOff = useEditsOff();
  const [minN, setMinN] = useState(String(rules.minN));
  const [maxAge, setMaxAge] = useState(String(rules.maxAgeDays));
  const n = Number(minN);
  const days = Number(maxAge);
  const valid = Number.isInteger(n) && n >= 1 && Number.isInteger(days) && days >= 1;
  const changed = n !== rules.minN || days !== rules.maxAgeDays;
  return (
    <section className="panel__section" aria-labelledby="insight-rules" data-testid="insight-rules">
      <h3 id="insight-rules">Evidence rules</h3>
      <form
        className="insight__rules"
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid || editsOff) return;
          ipc.setEvidenceRules(mapId, n, days).then(
            (next) => setAnalysis(store, next),
            (err) => messages.showError(err),
          );
        }}
      >
        <label>
          Weak below{" "}
          <input
            type="number"
            min={1}
            step={1}
            data-testid="rules-min-n"
            readOnly={editsOff}
            value={minN}
            onChange={(e) => setMinN(e.target.value)}
          />{" "}
          answers
        </label>
        <label>
          or when the newest is over{" "}
          <input
            type="number"
            min={1}
            step={1}
            data-testid="rules-max-age"
            readOnly={editsOff}
            value={maxAge}
            onChange={(e) => setMaxAge(e.target.value)}
          />{" "}
          days old
        </label>
        <button type="submit" data-testid="rules-apply" disabled={editsOff || !valid || !changed}>
          Apply
        </button>
      </form>
    </section>
  );
});
