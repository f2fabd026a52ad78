// The detail panel of the selected touchpoint: every field (saved on blur or change),
// its metrics, its links and its feedback.
import type { LinkDto, LinkKind, TouchpointDto, TouchpointFields } from "../../bindings";
import { ipc } from "../../ipc";
import { EmotionSelect, PainSelect, TextField } from "../common/fields";
import { MetricsBlock } from "../common/MetricsBlock";
import { Panel } from "../common/Panel";
import { useEditsOff } from "../common/readOnly";
import { FeedbackSection } from "../feedback/FeedbackSection";
import { LinkSection } from "../links/LinkSection";
import type { Edit } from "../map/useMapSession";

type Props = {
  touchpoint: TouchpointDto;
  touchpoints: TouchpointDto[];
  links: LinkDto[];
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
  const { touchpoint: t, edit, refreshKey, onDelete, onClose } = props;
  const editsOff = useEditsOff();

  // Builds on the latest stored fields, so quick successive saves never undo each other.
  const save = (patch: Partial<TouchpointFields>) =>
    edit((mapId, v) => {
      const cur = v.touchpoints.find((x) => x.id === t.id) ?? t;
      return ipc.updateTouchpoint(mapId, t.id, { ...fieldsOf(cur), ...patch });
    }).then((r) => r !== null);

  return (
    <Panel title="Touchpoint" kind="touchpoint" testId="detail" onClose={onClose}>
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

      <FeedbackSection target={{ touchpointId: t.id }} refreshKey={refreshKey} edit={edit} />
    </Panel>
  );
}
