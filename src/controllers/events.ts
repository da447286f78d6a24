/**
 * The events panel with the keys (`E`): ↑↓ choose an event, Enter goes to
 * the resource it was about (its tab, the row selected, and the filter
 * cleared or ended rows shown when they would hide it), Esc back to the table.
 */
import { isEndedStatus } from '../views/status.js';
import { isMove } from '../input/bindings.js';
import { EMPTY_FILTER } from '../filter/index.js';
import { applyFilter, closeOverlay, switchTab, updateOverlay, withTab, type UiState } from '../model/ui-state.js';
import { flash, next, type Controller, type EventRef, type KeyEnvironment, type KeyResult } from './environment.js';

export const eventsController: Controller = (state, { command }, env) => {
  const { overlay } = state;
  if (overlay.type !== 'events') return next(state);
  const events = env.events;
  const at = Math.max(
    0,
    events.findIndex((event) => event.seq === overlay.seq),
  );
  if (command !== null && isMove(command)) {
    const page = Math.max(1, env.bodyHeight);
    const step = { up: -1, down: 1, pageUp: -page, pageDown: page, top: -Infinity, bottom: Infinity }[command];
    const index = Math.min(Math.max(at + step, 0), Math.max(0, events.length - 1));
    return next(updateOverlay(state, 'events', { seq: events[index]?.seq ?? null }));
  }
  switch (command) {
    case 'close':
      return next(closeOverlay(state));
    case 'eventsJump': {
      const event = events[at];
      return event ? jumpTo(closeOverlay(state), event, env) : next(closeOverlay(state));
    }
    default:
      return next(state);
  }
};

/** The event's tab with its resource selected, made visible if the filter or `a` hid it; why not, when it has gone. */
function jumpTo(state: UiState, event: EventRef, env: KeyEnvironment): KeyResult {
  let moved = switchTab(state, event.resource);
  const tab = env.tab(moved);
  const row = tab.items.find((item) => tab.view.getId(item) === event.id);
  if (!event.aboutRow) return next(moved);
  if (!row) return flash(moved, `${capitalised(tab.view.singular)} ${event.name} is no longer listed`);
  if (!tab.rows.includes(row)) {
    moved = applyFilter(moved, event.resource, EMPTY_FILTER);
    if (isEndedStatus(tab.view.getStatus(row))) moved = { ...moved, showGone: true };
  }
  return next(withTab(moved, event.resource, { selectedId: event.id }));
}

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
