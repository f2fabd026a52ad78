// The detail panel of the selected touchpoint: every field (saved on blur or change),
// its metrics, its links, its decisions and opportunities, and its feedback. Opened to
// add a quote (Q on a card), its feedback form comes first.
import { useMemo } from "react";
import type { DecisionDto, LinkDto, LinkKind, TouchpointDto, TouchpointFields } from "../../bindings";
import { ipc } from "../../ipc";
import { decisionsOf } from "../../lib/decisions";
import { EmotionSelect, PainSelect, TextField } from "../common/fields";
import { MetricsBlock } from "../common/MetricsBlock";
import { Panel } from "../common/Panel";
import { useEditsOff } from "../common/readOnly";
import { DecisionSection } from "../decisions/DecisionSection";
import { FeedbackSection } from "../feedback/FeedbackSection";
import { LinkSection } from "../links/LinkSection";
import type { Edit } from "../map/useMapSession";

type Props = {
  touchpoint: TouchpointDto;
  /** Opened to add a quote: the feedback form at the top, Escape in it closes the panel. */
  quoteFirst?: boolean;
  touchpoints: TouchpointDto[];
  links: LinkDto[];
  /** The map's decisions and opportunities (the view's list; this card's are shown). */
  decisions: readonly DecisionDto[];
  edit: Edit;
  refreshKey: number;
  selectedLinkId: string | null;
  onSelectLink: (id: string) => void;
  linkModeActive: boolean;
  onStartLinkMode: (kind: LinkKind) => void;
  onCancelLinkMode: () => void;
  onDelete: () => void;
  onClose: () => void;
};

function fieldsOf(t: TouchpointDto): TouchpointFields {
  return { title: t.title, description: t.description, channel: t.channel, owner: t.owner, pain: t.pain, emotion: t.emotion };
}

export function TouchpointPanel(props: Props) {
  const { touchpoint: t, quoteFirst = false, edit, refreshKey, onDelete, onClose } = props;
  const editsOff = useEditsOff();
  const decisions = useMemo(() => decisionsOf(props.decisions, t.id), [props.decisions, t.id]);

  // Builds on the latest stored fields, so quick successive saves never undo each other.
  // The card shows the new value at once; the figures follow with the answer.
  const save = (patch: Partial<TouchpointFields>) =>
    edit(
      (mapId, v) => {
        const cur = v.touchpoints.find((x) => x.id === t.id) ?? t;
        return ipc.updateTouchpoint(mapId, t.id, { ...fieldsOf(cur), ...patch });
      },
      undefined,
      { touchpointId: t.id, fields: patch },
    ).then((r) => r !== null);

  const feedback = (
    <FeedbackSection
      target={{ touchpointId: t.id }}
      refreshKey={refreshKey}
      edit={edit}
      formFirst={quoteFirst}
      onEscape={quoteFirst ? onClose : undefined}
    />
  );

  return (
    <Panel title="Touchpoint" kind="touchpoint" testId="detail" onClose={onClose}>
      {quoteFirst && feedback}
      <section className="panel__section">
        <TextField label="Title" value={t.title} testId="field-title" field="title" onCommit={(title) => save({ title })} />
        <TextField
          label="Description"
          value={t.description}
          testId="field-description"
          multiline
          onCommit={(description) => save({ description })}
        />
        <div className="field-row">
          <TextField label="Channel" value={t.channel} testId="field-channel" onCommit={(channel) => save({ channel })} />
          <TextField label="Owner" value={t.owner} testId="field-owner" onCommit={(owner) => save({ owner })} />
        </div>
        <div className="field-row">
          <PainSelect label="Pain (0–10)" value={t.pain} testId="field-pain" onCommit={(pain) => void save({ pain })} />
          <EmotionSelect label="Emotion" value={t.emotion} testId="field-emotion" onCommit={(emotion) => void save({ emotion })} />
        </div>
        {!editsOff && (
          <button type="button" className="danger" data-testid="delete-touchpoint" onClick={onDelete}>
            Delete touchpoint
          </button>
        )}
      </section>

      <section className="panel__section">
        <h3>Metrics</h3>
        <MetricsBlock metrics={t.metrics} testId="touchpoint-metrics" />
      </section>

      <LinkSection
        touchpoint={t}
        touchpoints={props.touchpoints}
        links={props.links}
        edit={edit}
        selectedLinkId={props.selectedLinkId}
        onSelectLink={props.onSelectLink}
        linkModeActive={props.linkModeActive}
        onStartLinkMode={props.onStartLinkMode}
        onCancelLinkMode={props.onCancelLinkMode}
      />

      <DecisionSection touchpointId={t.id} decisions={decisions} edit={edit} />

      {!quoteFirst && feedback}
    </Panel>
  );
}
