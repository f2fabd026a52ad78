// The detail panel of the selected stage: name, description, pain, emotion, its metrics
// (its own feedback and its touchpoints') and the stage's own feedback.
import type { StageDto, StageFields } from "../../bindings";
import { ipc } from "../../ipc";
import { EmotionSelect, PainSelect, TextField } from "../common/fields";
import { MetricsBlock } from "../common/MetricsBlock";
import { Panel } from "../common/Panel";
import { FeedbackSection } from "../feedback/FeedbackSection";
import type { Edit } from "../map/useMapSession";

type Props = { stage: StageDto; edit: Edit; refreshKey: number; onClose: () => void };

function fieldsOf(s: StageDto): StageFields {
  return { name: s.name, description: s.description, pain: s.pain, emotion: s.emotion };
}

export function StagePanel({ stage: s, edit, refreshKey, onClose }: Props) {
  const save = (patch: Partial<StageFields>) =>
    edit((mapId, v) => {
      const cur = v.stages.find((x) => x.id === s.id) ?? s;
      return ipc.updateStage(mapId, s.id, { ...fieldsOf(cur), ...patch });
    }).then((r) => r !== null);

  return (
    <Panel title="Stage" kind="stage" testId="stage-detail" onClose={onClose}>
      <section className="panel__section">
        <TextField label="Name" value={s.name} testId="stage-field-name" onCommit={(name) => save({ name })} />
        <TextField
          label="Description"
          value={s.description}
          testId="stage-field-description"
          multiline
          onCommit={(description) => save({ description })}
        />
        <div className="field-row">
          <PainSelect label="Pain (0–10)" value={s.pain} testId="stage-field-pain" onCommit={(pain) => void save({ pain })} />
          <EmotionSelect label="Emotion" value={s.emotion} testId="stage-field-emotion" onCommit={(emotion) => void save({ emotion })} />
        </div>
      </section>
      <section className="panel__section">
        <h3>Metrics</h3>
        <p className="muted small">The stage's own feedback and its touchpoints'.</p>
        <MetricsBlock metrics={s.metrics} testId="stage-metrics" />
      </section>
      <FeedbackSection target={{ stageId: s.id }} refreshKey={refreshKey} edit={edit} />
    </Panel>
  );
}
