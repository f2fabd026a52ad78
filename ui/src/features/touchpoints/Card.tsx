// One touchpoint on the board. Memoised: it re-renders only when its own touchpoint
// object (kept stable by reconcileView), its selection, its number of decisions and
// opportunities, or its own membership of the highlighted path or of the filter's matches
// changes (each read by id from the store).
import { memo } from "react";
import type { TouchpointDto } from "../../bindings";
import { cardLabel } from "../../lib/cardLabel";
import { decisionCountLabel } from "../../lib/decisions";
import { emotionFace } from "../../lib/emotion";
import { painColours, painLabel } from "../../lib/painScale";
import { useEditsOff } from "../common/readOnly";
import { CARD_HELP_ID, useBoardActions } from "../map/boardActions";
import { selectMatch, selectOnPath, useOptionalMapSelector } from "../map/mapStore";
import { selectLatestVote, votesLabel } from "../workshop/voting";
import "./card.css";

type Props = {
  touchpoint: TouchpointDto;
  selected: boolean;
  /** How many decisions and opportunities the workshop wrote onto it (a marker when any). */
  decisions?: number;
};

export const Card = memo(function Card({ touchpoint: t, selected, decisions = 0 }: Props) {
  window.__jmCardRenders = (window.__jmCardRenders ?? 0) + 1;
  const actions = useBoardActions();
  const colours = painColours(t.pain);
  const emotion = emotionFace(t.emotion);
  const feedback = t.metrics.feedbackCount;
  const onPath = useOptionalMapSelector(selectOnPath(t.id), false);
  const match = useOptionalMapSelector(selectMatch(t.id), null);
  // Its dots in the latest voting round over it (an object kept while that is unchanged).
  const vote = useOptionalMapSelector(selectLatestVote(t.id), undefined);
  const votes = vote === undefined || vote.dots === 0 ? null : votesLabel(vote);
  // A read-only database: cards can be selected and read, not dragged to a new place.
  const editsOff = useEditsOff();

  return (
    <div
      className={selected ? "card card--selected" : "card"}
      data-testid="card"
      data-card=""
      data-touchpoint-id={t.id}
      data-on-path={onPath ? "true" : undefined}
      data-match={match === null ? undefined : String(match)}
      tabIndex={0}
      role="button"
      aria-pressed={selected}
      aria-label={`${decisions > 0 ? `${cardLabel(t)}, ${decisionCountLabel(decisions)}` : cardLabel(t)}${votes === null ? "" : `, ${votes}`}`}
      aria-describedby={CARD_HELP_ID}
      draggable={!editsOff}
      onClick={() => actions.activateCard(t.id)}
      onKeyDown={(e) => actions.cardKeyDown(e, t)}
      onDragStart={(e) => actions.dragStart(e, t.id)}
      onDragEnd={actions.dragEnd}
    >
      {/* <bdi>: bidi controls in the title reorder only the title (one cheap inline per card). */}
      <div className="card__title" data-testid="card-title">
        <bdi>{t.title}</bdi>
      </div>
      <div className="card__meta">
        <span className="card__pain" title={t.pain === null ? "Pain not scored" : `Pain ${t.pain} of 10 (10 = worst)`}>
          <span
            className={t.pain === null ? "pain-badge pain-badge--unscored" : "pain-badge"}
            data-testid="pain-badge"
            style={{ backgroundColor: colours.background, color: colours.foreground }}
          >
            {painLabel(t.pain)}
          </span>
        </span>
        {emotion && (
          <span className="card__emotion" role="img" aria-label={`Emotion: ${emotion.label}`} title={`Emotion: ${emotion.label}`}>
            {emotion.face}
          </span>
        )}
        {decisions > 0 && (
          <span
            className="card__decisions"
            data-testid="card-decisions"
            role="img"
            aria-label={decisionCountLabel(decisions)}
            title={decisionCountLabel(decisions)}
          >
            ◆ {decisions}
          </span>
        )}
        {votes !== null && (
          <span className="card__votes" data-testid="card-votes" role="img" aria-label={votes} title={votes}>
            <span aria-hidden="true">●</span> {vote?.dots}
          </span>
        )}
        <span className={feedback === 0 ? "card__feedback card__feedback--none" : "card__feedback"} title="Feedback items">
          <span aria-hidden="true">❝</span>
          <span data-testid="feedback-count">{feedback}</span>
        </span>
      </div>
    </div>
  );
});
