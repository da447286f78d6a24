/**
 * `cloudtop --print-config`: every setting in force and where it came from
 * (flag, env, context, file, default), so a person can see why cloudtop does
 * what it does. Keys are masked — a kind prefix (`sk_`) and, for a long key,
 * its last four characters, enough to tell two keys apart and never enough to
 * use one — and every value from a file or the environment is cleaned before
 * it is printed.
 */
import { VIEWS, RESOURCE_KINDS } from '../views/index.js';
import { MASK } from '../views/detail.js';
import { sanitize } from '../util/text.js';
import { chordLabel } from '../input/chords.js';
import { describeCommand } from '../input/custom-commands.js';
import type { ResolvedConfig, ValueSource } from './api-accounts.js';
import { BINDING_NAMES, DEFAULT_KEYMAP } from '../input/bindings.js';
import type { Settings } from './settings.js';

/** `sk_live_0123456789abcdef` → `sk_••••••••cdef`; short keys show nothing but the mask. */
export function maskSecret(value: string | undefined): string {
  if (!value) return '-';
  const prefix = /^[a-z]{1,4}_/i.exec(value)?.[0] ?? '';
  const tail = value.length >= 20 ? value.slice(-4) : '';
  return sanitize(`${prefix}${MASK}${tail}`);
}

export function printConfig(settings: Settings, config: ResolvedConfig): string {
  const rows: [string, string, ValueSource][] = [];
  const add = (name: string, value: string | number | boolean | undefined, source: ValueSource): void => {
    rows.push([name, value === undefined || value === '' ? '-' : sanitize(String(value)), source]);
  };
  const { options, sources, file } = settings;
  add('tab', options.tab, sources.tab);
  add('interval', options.intervalSeconds, sources.interval);
  add('highlight', options.highlightSeconds, sources.highlight);
  add('notify', options.notify, sources.notify);
  add('readOnly', options.readOnly, sources.readOnly);
  add('all', options.all, sources.all);
  add('theme', settings.theme.name, sources.theme);

  for (const kind of RESOURCE_KINDS) {
    const view = file.settings.views?.[kind];
    if (!view) continue;
    if (view.columns) add(`views.${kind}.columns`, view.columns.join(','), 'file');
    if (view.sort !== undefined || view.descending !== undefined)
      add(
        `views.${kind}.sort`,
        `${view.sort ?? VIEWS[kind].defaultSort.columnId}${view.descending ? ' (descending)' : ''}`,
        'file',
      );
    if (view.filter !== undefined)
      add(`views.${kind}.filter`, view.filter, options.filter !== undefined && kind === options.tab ? 'flag' : 'file');
  }
  file.watches.forEach((watch, index) => add(`watches.${index}`, watch.source, 'file'));
  // Each command once, with the tabs it is on.
  const commands = new Map<string, { key: string; tabs: string[]; line: string }>();
  for (const kind of RESOURCE_KINDS)
    for (const command of file.commands[kind] ?? []) {
      const known = commands.get(command.name);
      if (known) known.tabs.push(kind);
      else commands.set(command.name, { key: chordLabel(command.key), tabs: [kind], line: describeCommand(command) });
    }
  for (const [name, { key, tabs, line }] of commands)
    add(`commands.${name}`, `${key} on ${tabs.join(', ')}: ${line.slice(name.length + 2)}`, 'file');
  for (const name of BINDING_NAMES) {
    const chords = settings.keymap[name];
    const changed = chords.join('\u0000') !== DEFAULT_KEYMAP[name].join('\u0000');
    add(
      `keys.${name}`,
      chords.length === 0 ? '(none)' : chords.map(chordLabel).join(' '),
      changed ? 'file' : 'default',
    );
  }

  const prime = config.prime;
  add('prime.apiKey', maskSecret(prime.apiKey), prime.sources.apiKey);
  add('prime.teamId', prime.teamId, prime.sources.teamId);
  add('prime.baseUrl', prime.baseUrl, prime.sources.baseUrl);
  add('prime.context', prime.context, prime.sources.context);
  add('prime.sshKeyPath', prime.sshKeyPath, prime.sources.sshKeyPath);
  const dispersed = config.dispersed;
  add('dispersed.publicKey', maskSecret(dispersed.keys?.publicKey), dispersed.keysSource);
  add('dispersed.secretKey', maskSecret(dispersed.keys?.secretKey), dispersed.keysSource);
  add('dispersed.baseUrl', dispersed.baseUrl, dispersed.baseUrlSource);

  const nameWidth = Math.max(...rows.map(([name]) => name.length));
  const valueWidth = Math.min(48, Math.max(...rows.map(([, value]) => value.length)));
  const lines = [
    `config file: ${sanitize(file.path)}${file.found ? '' : ' (not found)'}`,
    `prime config: ${sanitize(config.configFile)}`,
    'precedence: flag > env > context > file > default',
    '',
    ...rows.map(([name, value, source]) =>
      `${name.padEnd(nameWidth)}  ${value.padEnd(valueWidth)}  ${source}`.trimEnd(),
    ),
  ];
  return `${lines.join('\n')}\n`;
}
