/**
 * The modal that stands between a key press and a DELETE. It shows exactly
 * what will be deleted: the targets captured when it opened, never the live
 * rows, so a poll that re-sorts or removes rows cannot change its meaning.
 * Presentational only; the caller owns `{ focus, offset }` and feeds keys
 * through `dialogKey`, which swallows everything it does not use (the dialog
 * is modal: nothing reaches the table behind it).
 */
import { Box, Text, type Key } from 'ink';
import { memo, type ReactElement } from 'react';
import { duration, money } from '../../views/format.js';
import { CATEGORY_COLOR, statusCategory } from '../../views/status.js';
import { pad, sanitize, textWidth, truncate } from '../../views/text.js';
import type { DeletionTarget } from '../deletion.js';

export type DialogFocus = 'cancel' | 'delete';

export interface DialogState {
  focus: DialogFocus;
  /** Index of the first target shown in the list (several targets only). */
  offset: number;
}

/** Where every dialog starts: on Cancel, so a stray Enter does nothing destructive. */
export const INITIAL_DIALOG_STATE: DialogState = { focus: 'cancel', offset: 0 };

export type DialogKeyResult = { state: DialogState } | { action: 'confirm' } | { action: 'cancel' };

/**
 * The dialog's key handling: y confirms; n or Esc cancels; Enter presses the
 * focused button; Tab, Shift-Tab, ← → and h l switch buttons; ↑ ↓ k j PgUp
 * PgDn Home End scroll the list. Any other key returns the same state object,
 * unchanged.
 */
export function dialogKey(state: DialogState, input: string, key: Key, targetCount: number, pageSize: number): DialogKeyResult {
  // Kitty keyboard protocol reports releases too; only presses act.
  if (key.eventType === 'release') return { state };
  if (key.escape) return { action: 'cancel' };
  if (key.return) return { action: state.focus === 'delete' ? 'confirm' : 'cancel' };
  if (key.tab || key.leftArrow || key.rightArrow) return { state: { ...state, focus: toggle(state.focus) } };

  const maxOffset = Math.max(0, targetCount - Math.max(1, pageSize));
  const scrollTo = (offset: number): DialogKeyResult => {
    const next = Math.min(maxOffset, Math.max(0, offset));
    return next === state.offset ? { state } : { state: { ...state, offset: next } };
  };
  const page = Math.max(1, pageSize);
  if (key.upArrow) return scrollTo(state.offset - 1);
  if (key.downArrow) return scrollTo(state.offset + 1);
  if (key.pageUp) return scrollTo(state.offset - page);
  if (key.pageDown) return scrollTo(state.offset + page);
  if (key.home) return scrollTo(0);
  if (key.end) return scrollTo(maxOffset);

  // Ctrl-Y or Alt-Y is not a deliberate "yes"; a paste arrives as one longer string and matches nothing.
  if (key.ctrl || key.meta) return { state };
  switch (input) {
    case 'y':
    case 'Y':
      return { action: 'confirm' };
    case 'n':
    case 'N':
      return { action: 'cancel' };
    case 'h':
    case 'l':
      return { state: { ...state, focus: toggle(state.focus) } };
    case 'k':
      return scrollTo(state.offset - 1);
    case 'j':
      return scrollTo(state.offset + 1);
    default:
      return { state };
  }
}

function toggle(focus: DialogFocus): DialogFocus {
  return focus === 'cancel' ? 'delete' : 'cancel';
}

// ---------------------------------------------------------------------------
// Layout. The list's page size depends on the height; the component and
// `dialogPageSize` share one computation so scrolling and drawing agree.

/** Lines a several-pod dialog spends beyond its list: border 2, title, header, position, total, warning, buttons, hint; plus 3 spacers when there is room. */
const LIST_CHROME = 9;
const SPACERS = 3;
/** One-pod dialog: border 2, title, 6 fields, warning, buttons, hint; plus 3 spacers when there is room. */
const SINGLE_LINES = 12;

interface Layout {
  /** Blank lines between the parts. */
  spacers: boolean;
  /** So short that the warning and the key hint give way too (the buttons never do). */
  tight: boolean;
  pageSize: number;
}

/** The warning and the hint line. */
const OPTIONAL_LINES = 2;

function layout(height: number, count: number, missingNote: boolean): Layout {
  if (count <= 1) {
    const lines = SINGLE_LINES + (missingNote ? 1 : 0);
    return { spacers: height >= lines + SPACERS, tight: height < lines, pageSize: 1 };
  }
  // Spacers only when the list still gets a useful share of the room.
  const spacers = height - LIST_CHROME - SPACERS >= Math.min(count, 3);
  const tight = height - LIST_CHROME < Math.min(count, 2);
  const room = height - LIST_CHROME - (spacers ? SPACERS : 0) + (tight ? OPTIONAL_LINES : 0);
  return { spacers, tight, pageSize: Math.max(1, Math.min(count, room)) };
}

/** Targets the list shows at once in a dialog of `height` lines; what the caller passes to `dialogKey` as `pageSize`. */
export function dialogPageSize(height: number, count: number): number {
  return layout(height, count, false).pageSize;
}

// ---------------------------------------------------------------------------

export interface ConfirmDialogProps {
  targets: readonly DeletionTarget[];
  /** Targets no longer in the list since the dialog opened. */
  missingIds: ReadonlySet<string>;
  focus: DialogFocus;
  offset: number;
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
  const { targets, missingIds, focus, offset, now, width, height, monochrome = false } = props;
  const single = targets.length <= 1;
  const boxWidth = Math.max(0, Math.min(Math.floor(width), single ? SINGLE_MAX_WIDTH : LIST_MAX_WIDTH));
  const inner = Math.max(1, boxWidth - BOX_CHROME_X);
  const first = targets[0];
  const missingCount = targets.filter((target) => missingIds.has(target.id)).length;
  const { spacers, tight, pageSize } = layout(height, targets.length, single && missingCount > 0);
  const spacer = (key: string): ReactElement | null => (spacers ? <Text key={key}> </Text> : null);
  const paint = (color: string | undefined): string | undefined => (monochrome ? undefined : color);

  const title = single
    ? `Delete pod ${sanitize(first?.name ?? '')}?`
    : `Delete ${targets.length} pods?${missingCount > 0 ? ` (${missingCount} no longer listed)` : ''}`;

  return (
    <Box width={Math.max(0, Math.floor(width))} height={Math.max(0, Math.floor(height))} flexDirection="column" justifyContent="center" alignItems="center" overflow="hidden">
      <Box width={boxWidth} flexDirection="column" flexShrink={0} borderStyle="round" borderColor={paint('red')} paddingX={1}>
        <Text bold wrap="truncate">
          {truncate(title, inner)}
        </Text>
        {spacer('after-title')}
        {single && first ? (
          <SingleTarget target={first} missing={missingIds.has(first.id)} now={now} inner={inner} paint={paint} />
        ) : (
          <TargetList targets={targets} missingIds={missingIds} offset={offset} pageSize={pageSize} inner={inner} paint={paint} />
        )}
        {spacer('after-body')}
        {!tight && (
          <Text wrap="truncate">
            {truncate(single ? 'This terminates the pod; it cannot be undone.' : 'This terminates every pod listed; it cannot be undone.', inner)}
          </Text>
        )}
        {spacer('before-buttons')}
        <Buttons focus={focus} inner={inner} paint={paint} />
        {!tight && (
          <Text dimColor wrap="truncate">
            {truncate(`y delete · n/Esc cancel · Tab ←→ choose${single || targets.length <= pageSize ? '' : ' · ↑↓ scroll'}`, inner)}
          </Text>
        )}
      </Box>
    </Box>
  );
});

type Paint = (color: string | undefined) => string | undefined;

function statusColor(status: string): string | undefined {
  return CATEGORY_COLOR[statusCategory(status)];
}

const FIELD_LABEL_WIDTH = 12;

function SingleTarget({ target, missing, now, inner, paint }: { target: DeletionTarget; missing: boolean; now: number; inner: number; paint: Paint }): ReactElement {
  const labelWidth = Math.min(FIELD_LABEL_WIDTH, Math.floor(inner / 2));
  const valueWidth = Math.max(0, inner - labelWidth);
  const fields: { label: string; value: string; color?: string | undefined }[] = [
    { label: 'name', value: sanitize(target.name) },
    { label: 'id', value: sanitize(target.id) },
    { label: 'GPU', value: sanitize(target.gpu) },
    { label: 'status', value: sanitize(target.status), color: statusColor(target.status) },
    { label: '$/hr', value: money(target.priceHr) },
    { label: 'running for', value: duration(target.createdAt, now) },
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
        <Text color={paint('yellow')} wrap="truncate">
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

interface ListColumns {
  name: number;
  id: number;
  gpu: number;
  status: number;
}

/** Column widths for the list: the name takes what is left; GPU, then id, then status give way on a narrow dialog. */
function listColumns(rows: readonly { id: string; gpu: string; status: string }[], inner: number): ListColumns {
  const widest = (pick: (row: (typeof rows)[number]) => string, title: string, cap: number) =>
    Math.min(cap, Math.max(textWidth(title), ...rows.map((row) => textWidth(pick(row)))));
  const columns: ListColumns = {
    name: 0,
    id: widest((row) => row.id, 'ID', 14),
    gpu: widest((row) => row.gpu, 'GPU', 16),
    status: widest((row) => row.status, 'STATUS', 14),
  };
  const nameWidth = () => inner - PRICE_WIDTH - GAP - (['id', 'gpu', 'status'] as const).reduce((sum, key) => sum + (columns[key] > 0 ? columns[key] + GAP : 0), 0);
  for (const drop of ['gpu', 'id', 'status'] as const) {
    if (nameWidth() >= MIN_NAME_WIDTH) break;
    columns[drop] = 0;
  }
  columns.name = Math.max(1, nameWidth());
  return columns;
}

function TargetList(props: {
  targets: readonly DeletionTarget[];
  missingIds: ReadonlySet<string>;
  offset: number;
  pageSize: number;
  inner: number;
  paint: Paint;
}): ReactElement {
  const { targets, missingIds, pageSize, inner, paint } = props;
  const start = Math.min(Math.max(0, props.offset), Math.max(0, targets.length - pageSize));
  const visible = targets.slice(start, start + pageSize);
  // Widths from every target, not just the visible page, so columns do not shift while scrolling.
  const clean = targets.map((target) => ({ id: sanitize(target.id), gpu: sanitize(target.gpu), status: sanitize(target.status) }));
  const columns = listColumns(clean, inner);
  const cell = (text: string, columnWidth: number, align: 'left' | 'right' = 'left') => (columnWidth > 0 ? pad(text, columnWidth, align) + ' '.repeat(GAP) : '');

  const header =
    cell('NAME', columns.name) + cell('ID', columns.id) + cell('GPU', columns.gpu) + cell('STATUS', columns.status) + pad('$/HR', PRICE_WIDTH, 'right');

  const known = targets.filter((target) => target.priceHr !== null);
  const total = known.reduce((sum, target) => sum + (target.priceHr ?? 0), 0);
  const unknown = targets.length - known.length;
  const totalLine = `Total ${money(total)}/hr${unknown > 0 ? ` (+${unknown} without a price)` : ''}`;
  const position = targets.length > pageSize ? `${start + 1}–${start + visible.length} of ${targets.length}` : ' ';

  return (
    <>
      <Text dimColor wrap="truncate">
        {truncate(header, inner)}
      </Text>
      {visible.map((target) => {
        const id = cell(sanitize(target.id), columns.id);
        if (missingIds.has(target.id)) {
          // The flag must stay visible: the name gives way to it on a narrow dialog.
          const nameWidth = Math.max(1, Math.min(columns.name, inner - textWidth(id) - GAP - textWidth(NO_LONGER_LISTED)));
          return (
            <Text key={target.id} color={paint('yellow')} wrap="truncate">
              {truncate(`${cell(sanitize(target.name), nameWidth)}${id}${NO_LONGER_LISTED}`, inner)}
            </Text>
          );
        }
        const name = cell(sanitize(target.name), columns.name);
        return (
          <Text key={target.id} wrap="truncate">
            {truncate(name + id + cell(sanitize(target.gpu), columns.gpu), inner)}
            {columns.status > 0 && <Text color={paint(statusColor(target.status))}>{cell(sanitize(target.status), columns.status)}</Text>}
            {pad(money(target.priceHr), PRICE_WIDTH, 'right')}
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

function Buttons({ focus, inner, paint }: { focus: DialogFocus; inner: number; paint: Paint }): ReactElement {
  // Both buttons stay whole down to a 20-column dialog: narrower labels and gap first, then no centring.
  const narrow = inner < 24;
  const gap = inner >= 28 ? 4 : 1;
  const labels = narrow ? { cancel: '[Cancel]', delete: '[Delete]' } : { cancel: '[ Cancel ]', delete: '[ Delete ]' };
  const cue = narrow ? { on: '›', off: ' ' } : { on: '› ', off: '  ' };
  const used = 2 * cue.on.length + labels.cancel.length + gap + labels.delete.length;
  const indent = Math.max(0, Math.floor((inner - used) / 2));
  const button = (which: DialogFocus, color: string | undefined): ReactElement => {
    const focused = focus === which;
    return (
      <Text key={which}>
        {focused ? cue.on : cue.off}
        <Text inverse={focused} bold={focused} color={paint(color)}>
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
      {button('delete', 'red')}
    </Text>
  );
}
