/**
 * The `:` prompt: line editing, Tab to complete (again for the next
 * candidate), ↑ ↓ through the lines run before, Enter to run, Esc to leave.
 * A command that cannot apply says why in one line and changes nothing else.
 */
import { viewFor } from '../views/index.js';
import { sanitize } from '../util/text.js';
import { editLine } from '../input/edit-line.js';
import { completions, parseCommandLine, type CommandLine } from '../input/command-line.js';
import { filterFor } from '../filter/index.js';
import {
  applyFilter,
  closeOverlay,
  openOverlay,
  ranCommand,
  switchTab,
  togglePane,
  updateOverlay,
  withTab,
  type CommandOverlay,
  type UiState,
} from '../model/ui-state.js';
import { describeWatches, WATCH_KIND, withoutWatch, withWatch } from '../model/watches.js';
import { flash, next, type Controller, type KeyEnvironment, type KeyResult } from './environment.js';

export const commandLineController: Controller = (state, { input, key }, env) => {
  const { overlay } = state;
  if (overlay.type !== 'command') return next(state);
  const edit = (change: Partial<Omit<CommandOverlay, 'type'>>): KeyResult =>
    next(updateOverlay(state, 'command', change));
  if (key.tab) {
    const { completing } = overlay;
    if (completing && completing.candidates[completing.index] === overlay.draft) {
      const index =
        (completing.index + (key.shift ? completing.candidates.length - 1 : 1)) % completing.candidates.length;
      return edit({ draft: completing.candidates[index]!, completing: { ...completing, index } });
    }
    const columns = viewFor(state.tab)
      .columns({ now: 0 })
      .map((column) => column.id);
    const candidates = completions(overlay.draft, { ...env.accounts, columns });
    if (candidates.length === 0) return edit({ completing: null });
    return edit({ draft: candidates[0]!, completing: { candidates, index: 0 } });
  }
  if (key.upArrow || key.downArrow) {
    const history = state.commandHistory;
    const back = (overlay.recalled ?? -1) + (key.upArrow ? 1 : -1);
    if (back < 0) return edit({ draft: '', recalled: null, completing: null });
    if (back >= history.length) return next(state);
    return edit({ draft: history[history.length - 1 - back]!, recalled: back, completing: null });
  }
  const line = editLine(overlay.draft, input, key);
  if ('draft' in line) {
    return line.draft === overlay.draft ? next(state) : edit({ draft: line.draft, recalled: null, completing: null });
  }
  if (line.action === 'cancel') return next(closeOverlay(state));
  const parsed = parseCommandLine(overlay.draft);
  if (!parsed.ok) return flash(closeOverlay(state), parsed.error, 'error');
  return runCommand(ranCommand(state, overlay.draft), parsed.command, env);
};

function runCommand(state: UiState, command: CommandLine, env: KeyEnvironment): KeyResult {
  const view = viewFor(state.tab);
  switch (command.type) {
    case 'tab':
      return next(switchTab(state, command.kind));
    case 'filter': {
      const parsed = filterFor(command.text, view);
      if (parsed.filter === undefined) return flash(state, `:filter: ${parsed.error}`, 'error');
      return next(applyFilter(state, state.tab, parsed.filter));
    }
    case 'sort': {
      const wanted = command.column.toLowerCase();
      const columns = view.columns({ now: 0 });
      const column = columns.find((candidate) => candidate.id === wanted || candidate.title.toLowerCase() === wanted);
      if (!column) {
        const ids = columns.map((candidate) => candidate.id).join(', ');
        return flash(state, `:sort: ${view.title} has no column ${command.column} (${ids})`, 'error');
      }
      return next(
        withTab(state, state.tab, { sort: { columnId: column.id, descending: command.descending ?? false } }),
      );
    }
    case 'help':
      return next(
        state.overlay.type === 'help' ? closeOverlay(state) : openOverlay(state, { type: 'help', offset: 0 }),
      );
    case 'pane':
      return next(togglePane(state, command.pane));
    case 'quit':
      return { state, effects: [{ type: 'quit' }] };
    case 'team':
      return { state, effects: [{ type: 'switchTeam', name: command.name }] };
    case 'ctx':
      return { state, effects: [{ type: 'switchContext', name: command.name }] };
    case 'watch': {
      // A watch is over the offers whatever tab is open: checked against theirs.
      const parsed = filterFor(command.text, viewFor(WATCH_KIND));
      if (parsed.filter === undefined) return flash(state, `:watch: ${parsed.error}`, 'error');
      const watches = withWatch(state.watches, parsed.filter);
      if (typeof watches === 'string') return flash(state, `:watch: ${watches}`, 'error');
      const count = env.watchMatches?.(parsed.filter) ?? null;
      const now = count === null ? '' : ` (${count} ${count === 1 ? 'offer matches' : 'offers match'} now)`;
      return flash(
        { ...state, watches },
        `watch ${watches.length}: ${sanitize(parsed.filter.source.trim())}${now}; offers that come to match it are told in the events`,
        'success',
      );
    }
    case 'watches':
      return flash(state, describeWatches(state.watches, env.watchMatches));
    case 'unwatch': {
      const result = withoutWatch(state.watches, command.number);
      if (typeof result === 'string') return flash(state, `:unwatch: ${result}`, 'error');
      const what = `stopped watch ${command.number}: ${sanitize(result.removed.filter.source)}`;
      const saved = result.removed.saved ? ' (for this run: it is saved in the config file)' : '';
      return flash({ ...state, watches: result.watches }, `${what}${saved}`, 'success');
    }
  }
}
