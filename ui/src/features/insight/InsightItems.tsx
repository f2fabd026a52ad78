// The rows of the insight panel's lists, each memoised: the analysis keeps the objects of
// rows that did not change (`share`), so after an edit only the changed rows render again;
// a 1,000-step pain path where one step's pain moved renders one step. User text (titles,
// names, quotes, sources) is in <bdi>, so its bidi controls reorder only itself.
import { memo } from "react";
import type { EvidenceRules, PainPointInsight, PathStep } from "../../bindings";
import { evidenceWords, formatNpsWithInterval } from "../../lib/evidence";
import { painColours } from "../../lib/painScale";
import { type LatestVote, votesLabel } from "../workshop/voting";

type OnShow = (touchpointId: string) => void;

export const PainPointItem = memo(function PainPointItem({
  point: p,
  rules,
  vote,
  onShow,
}: {
  point: PainPointInsight;
  rules: EvidenceRules;
  /** Its dots in the latest voting round over it, if any round was. */
  vote?: LatestVote;
  onShow: OnShow;
}) {
  const colours = painColours(p.pain);
  const ev = p.figures.evidence;
  const words = evidenceWords(ev, rules);
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
      <div className="pain-point__head">
        <button type="button" className="pain-point__show" data-action="show-touchpoint">
          <span
            className="pain-badge"
            style={{ backgroundColor: colours.background, color: colours.foreground }}
            data-testid="pain-point-pain"
          >
            {p.pain}
          </span>{" "}
          <span className="pain-point__title" data-testid="pain-point-title">
            <bdi>{p.title}</bdi>
          </span>
        </button>
        {/* The votes column: blank when no round was over it. */}
        <span
          className="pain-point__votes"
          data-testid="pain-point-votes"
          aria-label={vote === undefined ? undefined : votesLabel(vote)}
          title={vote === undefined ? undefined : votesLabel(vote)}
        >
          {vote === undefined ? "" : vote.dots}
        </span>
      </div>
      <div className="pain-point__where">
        <bdi>{p.stage}</bdi> · <bdi>{p.lane}</bdi>
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
              <q>
                <bdi>{q.text}</bdi>
              </q>
              <span className="pain-point__source">
                {" — "}
                {q.source ? <bdi>{q.source}</bdi> : "unknown source"}
                {q.date ? `, ${q.date}` : ", undated"}
                {q.nps !== null ? ` (NPS answer ${q.nps})` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
});

/** One step of the pain path; its stage and lane names are strings so an edit elsewhere leaves them equal. */
export const PainPathStep = memo(function PainPathStep({
  step: s,
  stage,
  lane,
  onShow,
}: {
  step: PathStep;
  stage: string;
  lane: string;
  onShow: OnShow;
}) {
  return (
    <li data-testid="pain-path-step" data-touchpoint-id={s.touchpointId}>
      <button type="button" className="link-button" onClick={() => onShow(s.touchpointId)}>
        <bdi>{s.title}</bdi>
      </button>{" "}
      <span className="insight__muted">
        <bdi>{stage}</bdi> · <bdi>{lane}</bdi> · {s.pain === null ? "pain not scored" : `pain ${s.pain}`}
      </span>
    </li>
  );
});

/** A list item that shows a touchpoint (structure problems, backstage dependents). */
export const TouchpointButton = memo(function TouchpointButton({ id, title, onShow }: { id: string; title: string; onShow: OnShow }) {
  return (
    <li>
      <button type="button" className="link-button" onClick={() => onShow(id)}>
        <bdi>{title}</bdi>
      </button>
    </li>
  );
});
