// A stage's column header: its name (select it to see the stage's details), metrics,
// and buttons to rename, move left/right and delete it.
import { memo, useState } from "react";
import type { StageDto } from "../../bindings";
import { formatNps, formatPain } from "../../lib/metrics";
import { ConfirmButton } from "../common/ConfirmButton";
import { InlineTextInput } from "../common/InlineTextInput";
import { useBoardActions } from "./boardActions";

type Props = { stage: StageDto; first: boolean; last: boolean; selected: boolean };

export const StageHeader = memo(function StageHeader({ stage, first, last, selected }: Props) {
  const actions = useBoardActions();
  const [renaming, setRenaming] = useState(false);
  const nps = formatNps(stage.metrics.nps);
  const pain = formatPain(stage.metrics.pain);

  return (
    <div
      className={selected ? "stage-header stage-header--selected" : "stage-header"}
      data-testid="stage-header"
      data-stage-header=""
      data-stage-id={stage.id}
    >
      {renaming ? (
        <InlineTextInput
          initial={stage.name}
          ariaLabel="Stage name"
          testId="stage-name-input"
          onSubmit={(name) => {
            setRenaming(false);
            if (name !== stage.name) actions.renameStage(stage.id, name);
          }}
          onCancel={() => setRenaming(false)}
        />
      ) : (
        <button
          type="button"
          className="stage-header__name"
          data-action="select"
          title="Show stage details (double-click to rename)"
          onClick={() => actions.selectStage(stage.id)}
          onDoubleClick={() => setRenaming(true)}
        >
          <span data-testid="stage-name">{stage.name}</span>
        </button>
      )}
      <div className="stage-header__metrics">
        {nps !== null && <span data-testid="stage-nps">{nps}</span>}
        {pain !== null && <span data-testid="stage-pain">{pain}</span>}
      </div>
      <div className="stage-header__tools">
        <button
          type="button"
          className="icon-button"
          data-action="rename"
          aria-label={`Rename stage ${stage.name}`}
          title="Rename"
          onClick={() => setRenaming(true)}
        >
          ✎
        </button>
        <button
          type="button"
          className="icon-button"
          data-action="move-left"
          aria-label={`Move stage ${stage.name} left`}
          title="Move left"
          disabled={first}
          onClick={() => actions.moveStage(stage.id, -1)}
        >
          ◀
        </button>
        <button
          type="button"
          className="icon-button"
          data-action="move-right"
          aria-label={`Move stage ${stage.name} right`}
          title="Move right"
          disabled={last}
          onClick={() => actions.moveStage(stage.id, 1)}
        >
          ▶
        </button>
        <ConfirmButton
          className="icon-button danger-subtle"
          label="✕"
          ariaLabel={`Delete stage ${stage.name}`}
          testId="delete-stage"
          prompt={`Delete “${stage.name}” and its touchpoints?`}
          onConfirm={() => actions.deleteStage(stage.id)}
        />
      </div>
    </div>
  );
});
