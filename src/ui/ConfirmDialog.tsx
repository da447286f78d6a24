/**
 * The modal that stands between a key press and a DELETE. It shows exactly
 * what will be deleted: the targets captured when it opened, never the live
 * rows, so a poll that re-sorts or removes rows cannot change its meaning.
 * Presentational only: its state is the UI state's (DialogState), and its
 * keys are its controller's (src/controllers/dialog.ts).
 */
import { Text } from 'ink';
import { memo, type ReactElement } from 'react';
import type { ActionTarget, DeleteAction, DialogField } from '../views/actions.js';
import { duration, money } from '../views/format.js';
import type { AnyRow, ResourceView } from '../views/index.js';
import { statusCategory } from '../views/status.js';
import { usePalette, type ColourRole } from '../views/theme.js';
import { pad, sanitize, truncate, wrapLines } from '../util/text.js';
import { dialogLayout, dialogWidths } from '../model/layout.js';
import { DeleteTargetList } from './DeleteTargetList.js';
import { nameToType, type DialogFocus } from '../model/ui-state.js';
import { DialogFrame } from './DialogFrame.js';

export interface ConfirmDialogProps {
  /** The resources' view, for what the dialog calls them. */
  view: Pick<ResourceView<AnyRow>, 'singular' | 'plural'>;
  /** The action asked for, for its verb and warning. */
  action: Pick<DeleteAction<AnyRow>, 'id' | 'warning'>;
  targets: readonly ActionTarget[];
  /** Targets no longer in the list since the dialog opened. */
  missingIds: ReadonlySet<string>;
  /** Targets still listed but hidden by the filter now in force (marked before it was typed). */
  hiddenCount?: number;
  focus: DialogFocus;
  offset: number;
  /** What has been typed of the name, when the dialog asks for it (DialogState.typed). */
  typed?: string | null;
  /** For "running for". */
  now: number;
  /** The area the dialog is drawn in (it centres itself there). */
  width: number;
  height: number;
  /** NO_COLOR: no colours; the `›` cue and inverse carry the focus. */
  monochrome?: boolean;
}

export const ConfirmDialog = memo(function ConfirmDialog(props: ConfirmDialogProps): ReactElement {
  const {
    view,
    action,
    targets,
    missingIds,
    hiddenCount = 0,
    focus,
    offset,
    typed = null,
    now,
    width,
    height,
    monochrome = false,
  } = props;
  const single = targets.length <= 1;
  const { box: boxWidth, inner } = dialogWidths(width, single);
  const first = targets[0];
  const missingCount = targets.filter((target) => missingIds.has(target.id)).length;
  const name = nameToType(first?.name ?? '');
  // Shown whole, over more lines when need be: what this destroys, and the name to type.
  const warning = single ? wrapLines(action.warning.one, inner) : [truncate(action.warning.many, inner)];
  const prompt = typed === null ? [] : wrapLines(`Type the ${view.singular}'s name to enable Delete: ${name}`, inner);
  const { spacers, tight, pageSize } = dialogLayout(height, {
    count: targets.length,
    missingNote: single && missingCount > 0,
    fields: first?.fields.length ?? 0,
    warningLines: warning.length,
    typedLines: typed === null ? 0 : prompt.length + 1,
  });
  const nameTyped = typed === name;
  const spacer = (key: string): ReactElement | null => (spacers ? <Text key={key}> </Text> : null);
  const palette = usePalette();
  const paint: Paint = (role) => (monochrome || role === undefined ? undefined : palette[role]);
  const verb = capitalised(action.id);

  // Several targets: how many the list on screen does not show, and why, so the count can be checked.
  const notes = [
    hiddenCount > 0 ? `${hiddenCount} hidden by the filter` : '',
    missingCount > 0 ? `${missingCount} no longer listed` : '',
  ].filter(Boolean);
  const title = single
    ? `${verb} ${view.singular} ${sanitize(first?.name ?? '')}?`
    : `${verb} ${targets.length} ${view.plural}?${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;

  return (
    <DialogFrame width={width} height={height} boxWidth={boxWidth} borderColor={paint('error')}>
      <Text bold wrap="truncate">
        {truncate(title, inner)}
      </Text>
      {spacer('after-title')}
      {single && first ? (
        <SingleTarget target={first} missing={missingIds.has(first.id)} now={now} inner={inner} paint={paint} />
      ) : (
        <DeleteTargetList
          targets={targets}
          missingIds={missingIds}
          offset={offset}
          pageSize={pageSize}
          inner={inner}
          paint={paint}
        />
      )}
      {spacer('after-body')}
      {!tight &&
        warning.map((line, index) => (
          <Text key={`warning-${index}`} wrap="truncate">
            {line}
          </Text>
        ))}
      {typed !== null && <NameField prompt={prompt} name={name} typed={typed} inner={inner} paint={paint} />}
      {spacer('before-buttons')}
      <Buttons
        verb={verb}
        focus={typed === null ? focus : nameTyped ? 'delete' : null}
        disabled={typed !== null && !nameTyped}
        inner={inner}
        paint={paint}
      />
      {!tight && (
        <Text dimColor wrap="truncate">
          {truncate(
            typed !== null
              ? `Enter ${action.id} (once the name matches) · Esc cancel`
              : `y ${action.id} · n/Esc cancel · Tab ←→ choose${single || targets.length <= pageSize ? '' : ' · ↑↓ scroll'}`,
            inner,
          )}
        </Text>
      )}
    </DialogFrame>
  );
});

type Paint = (role: ColourRole | undefined) => string | undefined;

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

function statusColor(status: string): ColourRole {
  return statusCategory(status);
}

const FIELD_LABEL_WIDTH = 12;

/** A dialog field as text (and the colour of a status), as of `now`. */
function fieldText(field: DialogField, now: number): { value: string; color?: ColourRole | undefined } {
  if ('status' in field) return { value: sanitize(field.status), color: statusColor(field.status) };
  if ('money' in field) return { value: money(field.money) };
  if ('since' in field) return { value: duration(field.since, now) };
  return { value: sanitize(field.text) };
}

function SingleTarget({
  target,
  missing,
  now,
  inner,
  paint,
}: {
  target: ActionTarget;
  missing: boolean;
  now: number;
  inner: number;
  paint: Paint;
}): ReactElement {
  const labelWidth = Math.min(FIELD_LABEL_WIDTH, Math.floor(inner / 2));
  const valueWidth = Math.max(0, inner - labelWidth);
  const fields: { label: string; value: string; color?: ColourRole | undefined }[] = [
    { label: 'name', value: sanitize(target.name) },
    { label: 'id', value: sanitize(target.id) },
    ...target.fields.map((field) => ({ label: field.label, ...fieldText(field, now) })),
  ];
  return (
    <>
      {fields.map((field) => (
        <Text key={field.label} wrap="truncate">
          <Text dimColor>{`${pad(field.label, labelWidth - 1)} `}</Text>
          <Text color={paint(field.color)}>{truncate(field.value, valueWidth)}</Text>
        </Text>
      ))}
      {missing && (
        <Text color={paint('warning')} wrap="truncate">
          {truncate('(no longer listed: it may already be gone)', inner)}
        </Text>
      )}
    </>
  );
}

/** The name prompt: what to type, and what has been typed (red while it does not match the start of the name). */
function NameField({
  prompt,
  name,
  typed,
  inner,
  paint,
}: {
  /** What to type, wrapped: the name whole, however long. */
  prompt: readonly string[];
  name: string;
  typed: string;
  inner: number;
  paint: Paint;
}): ReactElement {
  const onTrack = name.startsWith(typed);
  return (
    <>
      {prompt.map((line, index) => (
        <Text key={index} wrap="truncate">
          {line}
        </Text>
      ))}
      <Text wrap="truncate">
        <Text dimColor>{'› '}</Text>
        <Text color={paint(onTrack ? undefined : 'error')}>{truncate(typed, Math.max(0, inner - 3))}</Text>
        <Text inverse> </Text>
      </Text>
    </>
  );
}

/** `disabled`: Delete cannot be pressed yet (the name is not typed); it is drawn dim. `focus` null: Enter presses neither. */
function Buttons({
  verb,
  focus,
  disabled = false,
  inner,
  paint,
}: {
  verb: string;
  focus: DialogFocus | null;
  disabled?: boolean;
  inner: number;
  paint: Paint;
}): ReactElement {
  // Both buttons stay whole down to a 20-column dialog: narrower labels and gap first, then no centring.
  const narrow = inner < 24;
  const gap = inner >= 28 ? 4 : 1;
  const labels = narrow ? { cancel: '[Cancel]', delete: `[${verb}]` } : { cancel: '[ Cancel ]', delete: `[ ${verb} ]` };
  const cue = narrow ? { on: '›', off: ' ' } : { on: '› ', off: '  ' };
  const used = 2 * cue.on.length + labels.cancel.length + gap + labels.delete.length;
  const indent = Math.max(0, Math.floor((inner - used) / 2));
  const button = (which: DialogFocus, color: ColourRole | undefined): ReactElement => {
    const focused = focus === which;
    const dim = disabled && which === 'delete';
    return (
      <Text key={which}>
        {focused ? cue.on : cue.off}
        <Text inverse={focused} bold={focused} dimColor={dim} color={dim ? undefined : paint(color)}>
          {labels[which]}
        </Text>
      </Text>
    );
  };
  return (
    <Text wrap="truncate">
      {' '.repeat(indent)}
      {button('cancel', undefined)}
      {' '.repeat(gap)}
      {button('delete', 'error')}
    </Text>
  );
}
