/**
 * The modal that stands between a key press and a DELETE. It shows exactly
 * what will be deleted: the targets captured when it opened, never the live
 * rows, so a poll that re-sorts or removes rows cannot change its meaning.
 * Presentational only: its state is the UI state's (DialogState), and its
 * keys are its controller's (src/controllers/dialog.ts).
 */
import { Box, Text } from 'ink';
import { memo, type ReactElement } from 'react';
import type { ActionTarget, DeleteAction, DialogField } from '../views/actions.js';
import { duration, money } from '../views/format.js';
import type { AnyRow, ResourceView } from '../views/index.js';
import { statusCategory } from '../views/status.js';
import { usePalette, type ColourRole } from '../views/theme.js';
import { pad, sanitize, textWidth, truncate } from '../util/text.js';
import { dialogLayout } from '../model/layout.js';
import { nameToType, type DialogFocus } from '../model/ui-state.js';

export interface ConfirmDialogProps {
  /** The resources' view, for what the dialog calls them. */
  view: Pick<ResourceView<AnyRow>, 'singular' | 'title'>;
  /** The action asked for, for its verb and warning. */
  action: Pick<DeleteAction<AnyRow>, 'id' | 'warning'>;
  targets: readonly ActionTarget[];
  /** Targets no longer in the list since the dialog opened. */
  missingIds: ReadonlySet<string>;
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

const SINGLE_MAX_WIDTH = 64;
const LIST_MAX_WIDTH = 100;
/** Border and one column of padding each side. */
const BOX_CHROME_X = 4;

export const ConfirmDialog = memo(function ConfirmDialog(props: ConfirmDialogProps): ReactElement {
  const {
    view,
    action,
    targets,
    missingIds,
    focus,
    offset,
    typed = null,
    now,
    width,
    height,
    monochrome = false,
  } = props;
  const single = targets.length <= 1;
  const boxWidth = Math.max(0, Math.min(Math.floor(width), single ? SINGLE_MAX_WIDTH : LIST_MAX_WIDTH));
  const inner = Math.max(1, boxWidth - BOX_CHROME_X);
  const first = targets[0];
  const missingCount = targets.filter((target) => missingIds.has(target.id)).length;
  const { spacers, tight, pageSize } = dialogLayout(height, {
    count: targets.length,
    missingNote: single && missingCount > 0,
    fields: first?.fields.length ?? 0,
    typed: typed !== null,
  });
  const name = nameToType(first?.name ?? '');
  const nameTyped = typed === name;
  const spacer = (key: string): ReactElement | null => (spacers ? <Text key={key}> </Text> : null);
  const palette = usePalette();
  const paint: Paint = (role) => (monochrome || role === undefined ? undefined : palette[role]);
  const verb = capitalised(action.id);

  const title = single
    ? `${verb} ${view.singular} ${sanitize(first?.name ?? '')}?`
    : `${verb} ${targets.length} ${view.title.toLowerCase()}?${missingCount > 0 ? ` (${missingCount} no longer listed)` : ''}`;

  return (
    <Box
      width={Math.max(0, Math.floor(width))}
      height={Math.max(0, Math.floor(height))}
      flexDirection="column"
      justifyContent="center"
      alignItems="center"
      overflow="hidden"
    >
      <Box
        width={boxWidth}
        flexDirection="column"
        flexShrink={0}
        borderStyle="round"
        borderColor={paint('error')}
        paddingX={1}
      >
        <Text bold wrap="truncate">
          {truncate(title, inner)}
        </Text>
        {spacer('after-title')}
        {single && first ? (
          <SingleTarget target={first} missing={missingIds.has(first.id)} now={now} inner={inner} paint={paint} />
        ) : (
          <TargetList
            targets={targets}
            missingIds={missingIds}
            offset={offset}
            pageSize={pageSize}
            inner={inner}
            paint={paint}
          />
        )}
        {spacer('after-body')}
        {!tight && <Text wrap="truncate">{truncate(single ? action.warning.one : action.warning.many, inner)}</Text>}
        {typed !== null && <NameField name={name} typed={typed} singular={view.singular} inner={inner} paint={paint} />}
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
      </Box>
    </Box>
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

const GAP = 2;
const NO_LONGER_LISTED = '(no longer listed)';
const PRICE_WIDTH = 7;
const MIN_NAME_WIDTH = 10;
/** The ID column: after NAME, at most this wide, and the second to give way (see DialogColumn). */
const ID_COLUMN = { title: 'ID', width: 14, priority: 2 };

/** A column of the list as drawn: its title, width (0 when it gave way) and each target's cell. */
interface ListColumn {
  title: string;
  width: number;
  cells: readonly { text: string; status?: string }[];
}

/**
 * The list's columns after NAME: ID and the targets' own, each as wide as its
 * widest cell (up to its cap); the highest priority gives way first until
 * NAME has room. Widths come from every target, not just the visible page,
 * so columns do not shift while scrolling.
 */
function listColumns(
  targets: readonly ActionTarget[],
  inner: number,
  priced: boolean,
): { name: number; columns: ListColumn[] } {
  const specs = [{ ...ID_COLUMN, cells: targets.map((target) => ({ text: sanitize(target.id) })) }];
  for (const [index, column] of (targets[0]?.columns ?? []).entries()) {
    specs.push({
      title: column.title,
      width: column.width,
      priority: column.priority,
      cells: targets.map((target) => {
        const cell = target.columns[index];
        if (cell === undefined) return { text: '' };
        return 'status' in cell ? { text: sanitize(cell.status), status: cell.status } : { text: sanitize(cell.text) };
      }),
    });
  }
  const columns = specs.map((spec) => ({
    ...spec,
    width: Math.min(spec.width, Math.max(textWidth(spec.title), ...spec.cells.map((cell) => textWidth(cell.text)))),
  }));
  const priceWidth = priced ? PRICE_WIDTH : 0;
  const nameWidth = (): number =>
    inner - priceWidth - GAP - columns.reduce((sum, column) => sum + (column.width > 0 ? column.width + GAP : 0), 0);
  for (const column of [...columns].sort((a, b) => b.priority - a.priority)) {
    if (nameWidth() >= MIN_NAME_WIDTH) break;
    column.width = 0;
  }
  return { name: Math.max(1, nameWidth()), columns };
}

function TargetList(props: {
  targets: readonly ActionTarget[];
  missingIds: ReadonlySet<string>;
  offset: number;
  pageSize: number;
  inner: number;
  paint: Paint;
}): ReactElement {
  const { targets, missingIds, pageSize, inner, paint } = props;
  const start = Math.min(Math.max(0, props.offset), Math.max(0, targets.length - pageSize));
  const visible = targets.slice(start, start + pageSize);
  const priced = targets.some((target) => target.priceHr !== undefined);
  const layout = listColumns(targets, inner, priced);
  const [idColumn] = layout.columns;
  const cell = (text: string, columnWidth: number, align: 'left' | 'right' = 'left') =>
    columnWidth > 0 ? pad(text, columnWidth, align) + ' '.repeat(GAP) : '';

  const header =
    cell('NAME', layout.name) +
    layout.columns.map((column) => cell(column.title, column.width)).join('') +
    (priced ? pad('$/HR', PRICE_WIDTH, 'right') : '');

  const known = targets.filter((target) => target.priceHr !== undefined && target.priceHr !== null);
  const total = known.reduce((sum, target) => sum + (target.priceHr ?? 0), 0);
  const unknown = targets.length - known.length;
  const totalLine = priced
    ? `Total ${money(total)}/hr${unknown > 0 ? ` (+${unknown} without a price)` : ''}`
    : `${targets.length} in all`;
  const position = targets.length > pageSize ? `${start + 1}–${start + visible.length} of ${targets.length}` : ' ';

  return (
    <>
      <Text dimColor wrap="truncate">
        {truncate(header, inner)}
      </Text>
      {visible.map((target, offset) => {
        const index = start + offset;
        const id = idColumn ? cell(idColumn.cells[index]?.text ?? '', idColumn.width) : '';
        if (missingIds.has(target.id)) {
          // The flag must stay visible: the name gives way to it on a narrow dialog.
          const nameWidth = Math.max(
            1,
            Math.min(layout.name, inner - textWidth(id) - GAP - textWidth(NO_LONGER_LISTED)),
          );
          return (
            <Text key={target.id} color={paint('warning')} wrap="truncate">
              {truncate(`${cell(sanitize(target.name), nameWidth)}${id}${NO_LONGER_LISTED}`, inner)}
            </Text>
          );
        }
        return (
          <Text key={target.id} wrap="truncate">
            {truncate(cell(sanitize(target.name), layout.name), inner)}
            {layout.columns.map((column) => {
              const value = column.cells[index];
              if (!value || column.width === 0) return null;
              return (
                <Text
                  key={column.title}
                  color={value.status !== undefined ? paint(statusColor(value.status)) : undefined}
                >
                  {cell(value.text, column.width)}
                </Text>
              );
            })}
            {priced ? pad(money(target.priceHr ?? null), PRICE_WIDTH, 'right') : ''}
          </Text>
        );
      })}
      <Text dimColor wrap="truncate">
        {truncate(position, inner)}
      </Text>
      <Text bold wrap="truncate">
        {truncate(totalLine, inner)}
      </Text>
    </>
  );
}

/** The name prompt: what to type, and what has been typed (red while it does not match the start of the name). */
function NameField({
  name,
  typed,
  singular,
  inner,
  paint,
}: {
  name: string;
  typed: string;
  singular: string;
  inner: number;
  paint: Paint;
}): ReactElement {
  const onTrack = name.startsWith(typed);
  return (
    <>
      <Text wrap="truncate">{truncate(`Type the ${singular}'s name to enable Delete: ${name}`, inner)}</Text>
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
