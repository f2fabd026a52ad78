// Every feedback item of the map in one list (`list_map_feedback`), filterable by stage,
// lane, segment, source and kind, with a text search; each item can be shown on the map
// (its card, or its stage, selected on the board).
import { useEffect, useMemo, useState } from "react";
import type { FeedbackDto, FeedbackKind } from "../../bindings";
import { ipc } from "../../ipc";
import { type EvidenceFilter, filterEvidence, NO_EVIDENCE_FILTER } from "../../lib/evidenceList";
import { plural } from "../../lib/metrics";
import { selectById, selectEditVersion, selectLanes, selectMeta, selectStages, useMapSelector } from "../map/mapStore";
import { useMessages } from "../messages/messages";
import "./heatmap.css";

const KINDS: { value: FeedbackKind; label: string }[] = [
  { value: "quote", label: "Quote" },
  { value: "observation", label: "Observation" },
  { value: "survey_response", label: "Survey response" },
  { value: "support_ticket", label: "Support ticket" },
  { value: "review", label: "Review" },
];

type Props = {
  /** Shows the item's card (or stage) on the board, selected. */
  onShow: (target: { touchpointId: string } | { stageId: string }) => void;
};

export function EvidenceView({ onShow }: Props) {
  const messages = useMessages();
  const mapId = useMapSelector(selectMeta).id;
  const version = useMapSelector(selectEditVersion);
  const stages = useMapSelector(selectStages);
  const lanes = useMapSelector(selectLanes);
  const byId = useMapSelector(selectById);
  const [items, setItems] = useState<FeedbackDto[] | null>(null);
  const [filter, setFilter] = useState<EvidenceFilter>(NO_EVIDENCE_FILTER);

  // biome-ignore lint/correctness/useExhaustiveDependencies: each edit (version) may change the feedback.
  useEffect(() => {
    let live = true;
    ipc.listMapFeedback(mapId).then(
      (list) => live && setItems(list),
      (e) => live && messages.showError(e),
    );
    return () => {
      live = false;
    };
  }, [mapId, version, messages]);

  const shown = useMemo(() => (items === null ? [] : filterEvidence(items, filter, byId)), [items, filter, byId]);
  const segments = useMemo(() => distinct(items ?? [], "segment"), [items]);
  const sources = useMemo(() => distinct(items ?? [], "source"), [items]);
  const set = (patch: Partial<EvidenceFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const stageName = (id: string | null) => stages.find((s) => s.id === id)?.name ?? "";
  const laneName = (id: string | null) => lanes.find((l) => l.id === id)?.name ?? "";

  return (
    <div className="evidence-view" data-testid="evidence-view" data-view="evidence">
      <div className="evidence-view__bar" role="search" aria-label="Filter the evidence">
        <label>
          Search <input type="search" data-testid="evidence-search" value={filter.query} onChange={(e) => set({ query: e.target.value })} />
        </label>
        <Choice
          label="Stage"
          testId="evidence-stage"
          value={filter.stageId}
          options={stages.map((s) => [s.id, s.name])}
          onChange={(stageId) => set({ stageId })}
        />
        <Choice
          label="Lane"
          testId="evidence-lane"
          value={filter.laneId}
          options={lanes.map((l) => [l.id, l.name])}
          onChange={(laneId) => set({ laneId })}
        />
        <Choice
          label="Segment"
          testId="evidence-segment"
          value={filter.segment}
          options={segments.map((s) => [s, s])}
          onChange={(segment) => set({ segment })}
        />
        <Choice
          label="Source"
          testId="evidence-source"
          value={filter.source}
          options={sources.map((s) => [s, s])}
          onChange={(source) => set({ source })}
        />
        <Choice
          label="Kind"
          testId="evidence-kind"
          value={filter.kind}
          options={KINDS.map((k) => [k.value, k.label])}
          onChange={(kind) => set({ kind: kind as FeedbackKind | null })}
        />
        <span data-testid="evidence-count">{items === null ? "Loading…" : `${shown.length} of ${plural(items.length, "item")}`}</span>
      </div>
      <ul className="evidence-list">
        {shown.map((f) => {
          const t = f.touchpointId === null ? undefined : byId.get(f.touchpointId);
          // Every user value in a <bdi>: bidi controls in one reorder only that value.
          const where =
            t !== undefined ? (
              <>
                <bdi>{t.title}</bdi> · <bdi>{stageName(t.stageId)}</bdi> · <bdi>{laneName(t.laneId)}</bdi>
              </>
            ) : (
              <>
                Stage <bdi>{stageName(f.stageId)}</bdi>
              </>
            );
          return (
            <li key={f.id} className="evidence-item" data-testid="evidence-item" data-feedback-id={f.id}>
              <div className="evidence-item__text">{f.text === "" ? <em>(no text)</em> : <bdi>{f.text}</bdi>}</div>
              <div className="evidence-item__meta">
                {KINDS.find((k) => k.value === f.kind)?.label} · {f.source ? <bdi>{f.source}</bdi> : "unknown source"} ·{" "}
                {f.date ?? "undated"}
                {f.segment !== "" && (
                  <>
                    {" · segment "}
                    <bdi>{f.segment}</bdi>
                  </>
                )}
                {f.nps !== null && ` · NPS answer ${f.nps} (0–10)`}
                {f.csat !== null && ` · CSAT ${f.csat} (1–5, 5 = satisfied)`}
                {f.ces !== null && ` · CES ${f.ces} (1–7, 7 = easy)`}
              </div>
              <div className="evidence-item__where">
                {where}{" "}
                <button
                  type="button"
                  data-testid="evidence-show"
                  data-action="show-on-map"
                  onClick={() => onShow(f.touchpointId !== null ? { touchpointId: f.touchpointId } : { stageId: f.stageId ?? "" })}
                >
                  Show on the map
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {items !== null && shown.length === 0 && <p className="board-hint">No feedback item matches.</p>}
    </div>
  );
}

function distinct(items: FeedbackDto[], field: "segment" | "source"): string[] {
  return [...new Set(items.map((i) => i[field]).filter((v) => v.trim() !== ""))].sort((a, b) => a.localeCompare(b));
}

type ChoiceProps = {
  label: string;
  testId: string;
  value: string | null;
  options: [string, string][];
  onChange: (v: string | null) => void;
};

function Choice({ label, testId, value, options, onChange }: ChoiceProps) {
  return (
    <label>
      {label}{" "}
      <select data-testid={testId} value={value ?? ""} onChange={(e) => onChange(e.target.value === "" ? null : e.target.value)}>
        <option value="">any</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
