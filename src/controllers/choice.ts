/** The node choice of a multi-node pod's SSH: ↑↓ (k j) and Enter, or the node's number; Esc or q goes back. */
import { closeOverlay, updateOverlay } from '../model/ui-state.js';
import { next, type Controller, type KeyResult } from './environment.js';

export const choiceController: Controller = (state, { input, key }) => {
  const { overlay } = state;
  if (overlay.type !== 'choose' || key.eventType === 'release') return next(state);
  const take = (index: number): KeyResult => {
    const connection = overlay.options[index];
    if (connection === undefined) return next(state);
    return { state: closeOverlay(state), effects: [{ type: 'ssh', connection, name: overlay.name }] };
  };
  const select = (delta: number): KeyResult => {
    const selected = Math.min(Math.max(overlay.selected + delta, 0), overlay.options.length - 1);
    return next(updateOverlay(state, 'choose', { selected }));
  };
  if (key.escape || input === 'q') return next(closeOverlay(state));
  if (key.return) return take(overlay.selected);
  if (key.upArrow || input === 'k') return select(-1);
  if (key.downArrow || input === 'j') return select(1);
  if (/^[1-9]$/.test(input)) return take(Number(input) - 1);
  return next(state);
};
