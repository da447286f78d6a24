/**
 * The `/` prompt: the list narrows to what is typed as it is typed, Enter
 * applies it (and sends what it can to the server), Esc leaves the filter as
 * it was. A filter that cannot apply stays in the prompt, its reason under it.
 */
import { viewFor } from '../views/index.js';
import { editLine } from '../input/edit-line.js';
import { filterFor } from '../filter/index.js';
import { applyFilter, closeOverlay, updateOverlay } from '../model/ui-state.js';
import { next, type Controller } from './environment.js';

export const promptController: Controller = (state, { input, key }) => {
  const { overlay } = state;
  if (overlay.type !== 'filter') return next(state);
  const edit = editLine(overlay.draft, input, key);
  if ('draft' in edit) return next(updateOverlay(state, 'filter', { draft: edit.draft }));
  if (edit.action === 'cancel') return next(closeOverlay(state));
  const { filter } = filterFor(overlay.draft, viewFor(state.tab));
  return next(filter ? applyFilter(state, state.tab, filter) : state);
};
