/**
 * The log pane. Scrolling moves the top line (by its number, so it stays put
 * while new lines arrive below); reaching the bottom keeps the newest lines
 * in view again. While the search prompt is open it takes the keys.
 */
import type { SelectionMove } from '../views/table/selection.js';
import { isMove } from '../input/bindings.js';
import { editLine } from '../input/edit-line.js';
import { withKey } from '../input/key-map.js';
import { logPageSize } from '../model/layout.js';
import { closeOverlay, updateOverlay, type LogsOverlay, type UiState } from '../model/ui-state.js';
import { flash, keymapOf, next, type Controller, type KeyEnvironment, type KeyResult } from './environment.js';

type LogWindow = { lines: readonly string[]; first: number };

export const logsController: Controller = (state, { input, key, command }, env) => {
  const { overlay } = state;
  if (overlay.type !== 'logs') return next(state);
  const update = (change: Partial<LogsOverlay>): KeyResult => next(updateOverlay(state, 'logs', change));
  const log = env.log(state) ?? { lines: [], first: 0, loaded: false };
  const pageSize = logPageSize(env.bodyHeight);
  if (overlay.searching !== null) {
    const edit = editLine(overlay.searching, input, key);
    if ('draft' in edit) return update({ searching: edit.draft });
    if (edit.action === 'cancel') return update({ searching: null });
    const search = overlay.searching.trim();
    if (search === '') return update({ searching: null, search: '', match: null });
    // Typed before the log arrived (`l / ckpt Enter` in one burst): it runs when the lines do (seekPending).
    if (!log.loaded) return update({ searching: null, search, match: null, seeking: true, follow: false });
    return findMatch(state, { ...overlay, searching: null, search, match: null }, 'older', log, pageSize);
  }
  if (command !== null && isMove(command)) return update({ top: scrolledTop(overlay.top, command, log, pageSize) });
  switch (command) {
    case 'logBack':
      return next(closeOverlay(state));
    case 'logFollow':
      // Following again brings the newest lines into view.
      return update(overlay.follow ? { follow: false } : { follow: true, top: null });
    case 'logWrap':
      return update({ wrap: !overlay.wrap });
    case 'logSearch':
      return update({ searching: '' });
    case 'logNext':
    case 'logPrevious':
      if (overlay.search === '') {
        return flash(
          state,
          `Nothing to find yet${withKey(keymapOf(env), 'logSearch', (k) => `: ${k} searches the log`)}`,
        );
      }
      return findMatch(state, overlay, command === 'logNext' ? 'older' : 'newer', log, pageSize);
    default:
      return next(state);
  }
};

/** A search asked for before the log had loaded, run now that it has; the state as it was otherwise. */
export function seekPending(state: UiState, env: KeyEnvironment): KeyResult {
  const { overlay } = state;
  const log = env.log(state);
  if (overlay.type !== 'logs' || !overlay.seeking || !log?.loaded) return next(state);
  const pageSize = logPageSize(env.bodyHeight);
  return findMatch(state, { ...overlay, seeking: false, match: null }, 'older', log, pageSize);
}

/** Where the top line goes after a move; null when the newest lines come into view. */
function scrolledTop(top: number | null, move: SelectionMove, log: LogWindow, pageSize: number): number | null {
  const end = log.first + log.lines.length;
  const bottomTop = Math.max(log.first, end - pageSize);
  const from = top === null ? bottomTop : Math.min(Math.max(top, log.first), bottomTop);
  const to = from + { up: -1, down: 1, pageUp: -pageSize, pageDown: pageSize, top: -Infinity, bottom: Infinity }[move];
  return to >= bottomTop ? null : Math.max(log.first, to);
}

/** The next line, older or newer than the last match (or than the newest line), that contains the search; brought into view. */
function findMatch(
  state: UiState,
  overlay: LogsOverlay,
  direction: 'older' | 'newer',
  log: LogWindow,
  pageSize: number,
): KeyResult {
  const end = log.first + log.lines.length;
  const needle = overlay.search.toLowerCase();
  const step = direction === 'older' ? -1 : 1;
  const from = overlay.match ?? end;
  for (let number = from + step; number >= log.first && number < end; number += step) {
    if (!log.lines[number - log.first]!.toLowerCase().includes(needle)) continue;
    const bottomTop = Math.max(log.first, end - pageSize);
    const shownFrom = overlay.top === null ? bottomTop : overlay.top;
    // A match already on screen moves the marker only; another is brought to mid-pane.
    const centred = Math.max(log.first, number - Math.floor(pageSize / 2));
    const top =
      number >= shownFrom && number < shownFrom + pageSize ? overlay.top : centred >= bottomTop ? null : centred;
    // As in `less`, a search stops following, so the match does not scroll away; `f` follows again.
    const found = { searching: null, search: overlay.search, match: number, top, follow: false, seeking: false };
    return next(updateOverlay(state, 'logs', found));
  }
  const kept = updateOverlay(state, 'logs', {
    searching: null,
    search: overlay.search,
    match: overlay.match,
    seeking: false,
  });
  const which = overlay.match === null ? '' : `${direction} `;
  return flash(kept, `No ${which}line contains "${overlay.search}"`);
}
