// Every decision and opportunity of the map in one list (oldest first, as the workshop
// wrote them), read from the view: the text, the kind, the touchpoint's title, stage and
// lane, the owner and the due date, filterable by kind. An item shows its card on the
// board, selected (as the evidence view does).
import { useMemo, useState } from "react";
import type { DecisionKind } from "../../bindings";
import { DECISION_KINDS, decisionKindLabel, filterDecisions } from "../../lib/decisions";
import { selectById, selectDecisions, selectLanes, selectStages, useMapSelector } from "../map/mapStore";
import "./decisions.css";

type Props = {
  /** Shows the touchpoint's card on the board, selected. */
  onShow: (touchpointId: string) => void;
};

export function DecisionsView({ onShow }: Props) {
  const decisions = useMapSelector(selectDecisions);
  const byId = useMapSelector(selectById);
  const stages = useMapSelector(selectStages);
  const lanes = useMapSelector(selectLanes);
  const [kind, setKind] = useState<DecisionKind | null>(null);
  const shown = useMemo(() => filterDecisions(decisions, kind), [decisions, kind]);
  const stageNames = useMemo(() => new Map(stages.map((s) => [s.id, s.name])), [stages]);
  const laneNames = useMemo(() => new Map(lanes.map((l) => [l.id, l.name])), [lanes]);

  return (
    <div className="decisions-view" data-testid="decisions-view" data-view="decisions">
      <div className="decisions-view__bar" role="group" aria-label="Filter the decisions">
        <label>
          Kind{" "}
          <select
            data-testid="decisions-kind"
            value={kind ?? ""}
            onChange={(e) => setKind(e.target.value === "" ? null : (e.target.value as DecisionKind))}
          >
            <option value="">any</option>
            {DECISION_KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <span data-testid="decisions-count">
          {shown.length} of {decisions.length}
        </span>
      </div>
      <ul className="decisions-list">
        {shown.map((d) => {
          const t = byId.get(d.touchpointId);
          return (
            <li key={d.id} className="decisions-row" data-kind={d.kind}>
              <button
                type="button"
                className="decisions-item"
                data-testid="decisions-item"
                data-decision-id={d.id}
                data-touchpoint-id={d.touchpointId}
                title="Show its card on the board"
                onClick={() => onShow(d.touchpointId)}
              >
                <span className={`decision-kind decision-kind--${d.kind}`}>{decisionKindLabel(d.kind)}</span>
                {/* Every user value in a <bdi>: bidi controls in one reorder only that value. */}
                <span className="decisions-item__text" data-testid="decisions-text">
                  <bdi>{d.text}</bdi>
                </span>
                <span className="decisions-item__where" data-testid="decisions-where">
                  {t === undefined ? (
                    "(missing card)"
                  ) : (
                    <>
                      <bdi>{t.title}</bdi> · <bdi>{stageNames.get(t.stageId) ?? ""}</bdi> · <bdi>{laneNames.get(t.laneId) ?? ""}</bdi>
                    </>
                  )}
                </span>
                <span className="decisions-item__about" data-testid="decisions-about">
                  {d.owner === "" ? "no owner" : <bdi>{d.owner}</bdi>} · {d.due === null ? "no due date" : `due ${d.due}`}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {shown.length === 0 && (
        <p className="board-hint">
          {decisions.length === 0
            ? "No decisions or opportunities yet. Write them in the presentation (D or O on a pain point or path step) or in a card’s panel."
            : "None of this kind."}
        </p>
      )}
    </div>
  );
}
