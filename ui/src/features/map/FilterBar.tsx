// The board's filter bar: text search (over titles, descriptions and feedback, answered
// by the backend), lane, owner, channel, pain at or above a value, and weak evidence
// only. The count of matching cards is always shown; Shift+Escape (or the button) clears
// it all. Its selects re-render only when their own options or value change.
import { memo, useMemo, useRef } from "react";
import { distinctValues, isFilterActive, matchCountText, NO_FILTER } from "../../lib/filter";
import { plural } from "../../lib/metrics";
import { painLegend } from "../../lib/painScale";
import { selectFilter, selectLanes, selectMatches, selectTouchpoints, useMapSelector, useMapStore } from "./mapStore";

const PAIN_STEPS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];

export function FilterBar() {
  const store = useMapStore();
  const filter = useMapSelector(selectFilter);
  const touchpoints = useMapSelector(selectTouchpoints);
  const lanes = useMapSelector(selectLanes);
  const matches = useMapSelector(selectMatches);
  const set = (patch: Partial<typeof filter>) => store.set((s) => ({ filter: { ...s.filter, ...patch } }));

  const owners = useStableList(useMemo(() => distinctValues(touchpoints, "owner"), [touchpoints]));
  const channels = useStableList(useMemo(() => distinctValues(touchpoints, "channel"), [touchpoints]));
  const laneOptions = useStableList(useMemo(() => lanes.filter((l) => !l.hidden).map((l) => `${l.id}\u0000${l.name}`), [lanes]));
  const active = isFilterActive(filter);
  const cellLabel = filter.cell === null ? null : describeCell(filter.cell, store.get().session.view);

  return (
    <div role="search" className="filter-bar" data-testid="filter-bar" aria-label="Filter the board">
      <label>
        Search
        <input
          type="search"
          data-testid="filter-search"
          data-filter-search=""
          placeholder="Titles, descriptions, quotes…"
          value={filter.query}
          onChange={(e) => set({ query: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === "Escape" && (e.shiftKey || filter.query !== "")) {
              e.preventDefault();
              set(e.shiftKey ? NO_FILTER : { query: "" });
            }
          }}
        />
      </label>
      <ChoiceSelect label="Lane" testId="filter-lane" field="laneId" value={filter.laneId ?? ""} options={laneOptions} split />
      <ChoiceSelect label="Owner" testId="filter-owner" field="owner" value={filter.owner ?? ""} options={owners} />
      <ChoiceSelect label="Channel" testId="filter-channel" field="channel" value={filter.channel ?? ""} options={channels} />
      <label>
        Pain ≥
        <select
          data-testid="filter-min-pain"
          value={filter.minPain === null ? "" : String(filter.minPain)}
          onChange={(e) => set({ minPain: e.target.value === "" ? null : Number(e.target.value) })}
        >
          <option value="">any</option>
          {PAIN_STEPS.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" data-testid="filter-weak" checked={filter.weakOnly} onChange={(e) => set({ weakOnly: e.target.checked })} />
        Weak evidence only
      </label>
      {cellLabel !== null && (
        <span className="filter-bar__cell" data-testid="filter-cell">
          Cell: {cellLabel}
        </span>
      )}
      <span
        className={active ? "filter-bar__count filter-bar__count--active" : "filter-bar__count"}
        data-testid="filter-count"
        aria-live="polite"
      >
        {active && matches !== null ? matchCountText(matches.size, touchpoints.length) : plural(touchpoints.length, "card")}
      </span>
      <button
        type="button"
        data-testid="filter-clear"
        data-action="clear-filter"
        disabled={!active}
        title="Clear the filter (Shift+Escape)"
        onClick={() => store.set({ filter: NO_FILTER })}
      >
        Clear filter
      </button>
      <PainLegend />
    </div>
  );
}

/** The pain scale's legend: 0 (no pain, pale) to 10 (worst, dark red). */
const PainLegend = memo(function PainLegend() {
  return (
    <span className="pain-legend" data-testid="pain-legend">
      Pain: 0 = none
      <span className="pain-legend__ramp" aria-hidden="true">
        {painLegend().map(({ pain, colours }) => (
          <span key={pain} style={{ backgroundColor: colours.background, color: colours.foreground }}>
            {pain}
          </span>
        ))}
      </span>
      10 = worst · – not scored
    </span>
  );
});

function describeCell(
  cell: { stageId: string; laneId: string },
  v: { stages: { id: string; name: string }[]; lanes: { id: string; name: string }[] },
) {
  const stage = v.stages.find((s) => s.id === cell.stageId)?.name ?? "?";
  const lane = v.lanes.find((l) => l.id === cell.laneId)?.name ?? "?";
  // Each name in a <bdi>, so bidi controls in one cannot reorder the other.
  return (
    <>
      <bdi>{stage}</bdi> × <bdi>{lane}</bdi>
    </>
  );
}

/** The previous array while the new one holds the same strings (so a memoised select skips rendering). */
function useStableList(list: string[]): string[] {
  const ref = useRef(list);
  const prev = ref.current;
  if (prev !== list && (prev.length !== list.length || prev.some((x, i) => x !== list[i]))) ref.current = list;
  return ref.current;
}

type ChoiceProps = {
  label: string;
  testId: string;
  value: string;
  /** The values, or with `split` "value\0text" pairs. */
  options: string[];
  split?: boolean;
  /** The filter field it sets (an empty choice clears it). */
  field: "laneId" | "owner" | "channel";
};

const ChoiceSelect = memo(function ChoiceSelect({ label, testId, value, options, split = false, field }: ChoiceProps) {
  const store = useMapStore();
  return (
    <label>
      {label}
      <select
        data-testid={testId}
        value={value}
        onChange={(e) => {
          const v = e.target.value;
          store.set((s) => ({ filter: { ...s.filter, [field]: v === "" ? null : v } }));
        }}
      >
        <option value="">any</option>
        {options.map((o) => {
          const [v, text] = split ? o.split("\u0000") : [o, o];
          return (
            <option key={v} value={v}>
              {text}
            </option>
          );
        })}
      </select>
    </label>
  );
});
