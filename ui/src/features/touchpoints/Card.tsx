// One touchpoint on the board. Memoised: it re-renders only when its own touchpoint
// object (kept stable by reconcileView), its selection, or its own membership of the
// highlighted path or of the filter's matches changes (each read by id from the store).
import { memo } from "react";
import type { TouchpointDto } from "../../bindings";
import { cardLabel } from "../../lib/cardLabel";
import { emotionFace } from "../../lib/emotion";
import { painColours, painLabel } from "../../lib/painScale";
import { useEditsOff } from "../common/readOnly";
import { CARD_HELP_ID, useBoardActions } from "../map/boardActions";
import { selectMatch, selectOnPath, useOptionalMapSelector } from "../map/mapStore";
import "./card.css";

type Props = { touchpoint: TouchpointDto; selected: boolean };

export const Card = memo(function Card({ touchpoint: t, selected }: Props) {
  window.__jmCardRenders = (window.__jmCardRenders ?? 0) + 1;
  const actions = useBoardActions();
  const colours = painColours(t.pain);
  const emotion = emotionFace(t.emotion);
  const feedback = t.metrics.feedbackCount;
  const onPath = useOptionalMapSelector(selectOnPath(t.id), false);
  const match = useOptionalMapSelector(selectMatch(t.id), null);
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
      aria-label={cardLabel(t)}
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
        <span className={feedback === 0 ? "card__feedback card__feedback--none" : "card__feedback"} title="Feedback items">
          <span aria-hidden="true">❝</span>
          <span data-testid="feedback-count">{feedback}</span>
        </span>
      </div>
    </div>
  );
});
