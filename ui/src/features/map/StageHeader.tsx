// A stage's column header: its name (select it to see the stage's details), metrics,
// and buttons to rename, move left/right and delete it.
import { memo, useState } from "react";
import type { StageDto } from "../../bindings";
import { isolate } from "../../lib/bidi";
import { formatInterval, npsInterval, npsIsWeak } from "../../lib/evidence";
import { formatNps, formatPain, plural } from "../../lib/metrics";
import { ConfirmButton } from "../common/ConfirmButton";
import { InlineTextInput } from "../common/InlineTextInput";
import { useEditsOff } from "../common/readOnly";
import { useBoardActions } from "./boardActions";

type Props = {
  stage: StageDto;
  first: boolean;
  last: boolean;
  selected: boolean;
  /** Shown as a narrow strip with its name and card count. */
  collapsed?: boolean;
  cardCount?: number;
  /** Below this many answers its NPS is marked weak. */
  minN?: number;
};

export const StageHeader = memo(function StageHeader({ stage, first, last, selected, collapsed = false, cardCount = 0, minN }: Props) {
  const actions = useBoardActions();
  // A read-only database: the name still selects the stage; rename, move and delete go.
  const editsOff = useEditsOff();
  const [renaming, setRenaming] = useState(false);
  const nps = formatNps(stage.metrics.nps);
  const pain = formatPain(stage.metrics.pain);
  const npsWeak = npsIsWeak(stage.metrics.nps, minN);
  // The name as it goes into labels and prompts: isolated, so its bidi controls stay in it.
  const isolatedName = isolate(stage.name);
  const npsTitle = stage.metrics.nps
    ? `${formatInterval(npsInterval(stage.metrics.nps))}${npsWeak ? `: weak, fewer than ${minN ?? 5} answers` : ""}`
    : undefined;
  const collapse = (
    <button
      type="button"
      className="icon-button stage-header__collapse"
      data-action="collapse"
      data-testid="collapse-stage"
      aria-expanded={!collapsed}
      aria-label={`${collapsed ? "Expand" : "Collapse"} stage ${isolatedName}`}
      title={collapsed ? "Expand" : "Collapse"}
      onClick={() => actions.toggleStageCollapsed(stage.id)}
    >
      {collapsed ? "▸" : "▾"}
    </button>
  );

  if (collapsed) {
    return (
      <div
        className="stage-header stage-header--collapsed"
        data-testid="stage-header"
        data-stage-header=""
        data-stage-id={stage.id}
        data-collapsed="true"
      >
        {collapse}
        <span className="stage-header__strip" data-testid="stage-name">
          <bdi>{stage.name}</bdi>
        </span>
        <span className="stage-header__count" data-testid="collapsed-count">
          {plural(cardCount, "card")}
        </span>
      </div>
    );
  }

  return (
    <div
      className={selected ? "stage-header stage-header--selected" : "stage-header"}
      data-testid="stage-header"
      data-stage-header=""
      data-stage-id={stage.id}
    >
      {collapse}
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
          title={editsOff ? "Show stage details" : "Show stage details (double-click to rename)"}
          onClick={() => actions.selectStage(stage.id)}
          onDoubleClick={editsOff ? undefined : () => setRenaming(true)}
        >
          <span data-testid="stage-name">
            <bdi>{stage.name}</bdi>
          </span>
        </button>
      )}
      <div className="stage-header__metrics">
        {nps !== null && (
          <span className={npsWeak ? "stage-header__nps stage-header__nps--weak" : "stage-header__nps"} title={npsTitle}>
            <span data-testid="stage-nps">{nps}</span>
            {npsWeak && (
              <span className="weak-mark" data-testid="stage-nps-weak">
                {" "}
                weak
              </span>
            )}
          </span>
        )}
        {pain !== null && (
          <span data-testid="stage-pain" title="Mean pain of its touchpoints, 0–10 (10 = worst)">
            {pain}
          </span>
        )}
      </div>
      {!editsOff && (
        <div className="stage-header__tools">
          <button
            type="button"
            className="icon-button"
            data-action="rename"
            aria-label={`Rename stage ${isolatedName}`}
            title="Rename"
            onClick={() => setRenaming(true)}
          >
            ✎
          </button>
          <button
            type="button"
            className="icon-button"
            data-action="move-left"
            aria-label={`Move stage ${isolatedName} left`}
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
            aria-label={`Move stage ${isolatedName} right`}
            title="Move right"
            disabled={last}
            onClick={() => actions.moveStage(stage.id, 1)}
          >
            ▶
          </button>
          <ConfirmButton
            className="icon-button danger-subtle"
            label="✕"
            ariaLabel={`Delete stage ${isolatedName}`}
            testId="delete-stage"
            prompt={`Delete “${isolatedName}” and its touchpoints?`}
            onConfirm={() => actions.deleteStage(stage.id)}
          />
        </div>
      )}
    </div>
  );
});
