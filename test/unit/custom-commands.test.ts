/**
 * The config file's commands: what is refused when the file is read (a key
 * a binding has, a placeholder a tab cannot fill, a placeholder in the
 * program), and how a row's fields become the program's arguments: one
 * argument each, whatever they hold, and never shell text.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveCommands, type CommandEntry } from '../../src/config/custom-commands.js';
import { resolveKeyMap } from '../../src/config/custom-keys.js';
import { DEFAULT_KEYMAP } from '../../src/input/bindings.js';
import { commandArguments, fieldsOf, offeredCommands } from '../../src/input/custom-commands.js';
import { helpRows, footerLabels } from '../../src/input/key-map.js';
import { spawnArguments } from '../../src/terminal/run-command.js';
import { viewFor } from '../../src/views/index.js';
import { sanitize } from '../../src/util/text.js';
import { pod } from '../helpers/fixtures.js';

const entry = (over: Partial<CommandEntry> = {}): CommandEntry => ({
  key: 'i',
  tabs: ['pods'],
  command: 'my-tool',
  args: ['{id}', '{name}'],
  ...over,
});
const resolve =
  (entries: Record<string, CommandEntry>, keymap = DEFAULT_KEYMAP) =>
  () =>
    resolveCommands(entries, keymap);

describe('reading the commands of the config file', () => {
  it('takes a command for each tab it names, and lists it in the footer and help like an action', () => {
    const commands = resolveCommands(
      { inspect: entry({ tabs: ['pods', 'sandboxes'], args: ['{id}', '{team}'] }) },
      DEFAULT_KEYMAP,
    );
    expect(commands.pods?.[0]).toMatchObject({ name: 'inspect', key: 'i', shell: false, background: false });
    expect(commands.sandboxes).toHaveLength(1);
    expect(commands.disks).toBeUndefined();
    expect(footerLabels('table', viewFor('pods'), DEFAULT_KEYMAP, commands.pods)).toContain('i inspect');
    expect(helpRows(viewFor('pods'), DEFAULT_KEYMAP, commands.pods)).toContainEqual({
      keys: 'i',
      description: 'inspect: runs my-tool {id} {team}',
    });
  });

  it('refuses a key any binding of the list has, on any tab, the mark key and Ctrl-C included, and a key taken twice on a tab', () => {
    expect(resolve({ nuke: entry({ key: 'D' }) })).toThrow(
      'commands.nuke.key D is already bound to delete in the list',
    );
    expect(resolve({ a: entry({ key: 's', tabs: ['disks'] }) })).toThrow('s is already bound to ssh');
    expect(resolve({ a: entry({ key: 'space' }) })).toThrow('Space is already bound to mark');
    expect(resolve({ a: entry({ key: 'ctrl+c' }) })).toThrow('Ctrl-C is already bound to forceQuit');
    expect(resolve({ a: entry({ key: '$' }) })).toThrow('$ is already bound to wallet');
    expect(resolve({ a: entry(), b: entry({ tabs: ['disks', 'pods'] }) })).toThrow('i is already the key of a on pods');
    // A key the file moved delete to is taken; the key it left is free.
    const moved = resolveKeyMap({ delete: ['X'] });
    expect(resolve({ a: entry({ key: 'X' }) }, moved)).toThrow('X is already bound to delete');
    expect(resolve({ a: entry({ key: 'D' }) }, moved)).not.toThrow();
    expect(resolve({ a: entry({ key: 'nope' }) })).toThrow('"nope" is not a key');
  });

  it('refuses a placeholder a tab cannot fill, and any placeholder in the program or the script', () => {
    expect(resolve({ a: entry({ tabs: ['sandboxes'], args: ['{ssh}'] }) })).toThrow(
      'commands.a.args has {ssh}, which sandboxes have not (id, name, status, image, region, team)',
    );
    expect(resolve({ a: entry({ command: 'ssh {ssh}' }) })).toThrow('the program is fixed, and {id} goes in args');
    expect(resolve({ a: entry({ shell: true, command: 'echo {name}' }) })).toThrow('use "$1" in the script');
    expect(resolve({ 'two words': entry() })).toThrow('needs a name the footer can show');
    expect(fieldsOf('pods')).toEqual(['id', 'name', 'status', 'ssh', 'ip', 'gpu', 'provider', 'team']);
  });

  it('hides a destructive command under --read-only', () => {
    const commands = resolveCommands(
      { drain: entry({ destructive: true }), look: entry({ key: 'L' }) },
      DEFAULT_KEYMAP,
    );
    expect(offeredCommands(commands, 'pods', true).map((command) => command.name)).toEqual(['look']);
    expect(offeredCommands(commands, 'pods', false)).toHaveLength(2);
    // The same list each time: the footer draws again only when it changes.
    expect(offeredCommands(commands, 'pods', true)).toBe(offeredCommands(commands, 'pods', true));
  });
});

describe("a row's fields as the program's arguments", () => {
  const [inspect] = resolveCommands(
    { inspect: entry({ args: ['--id={id}', '{name}', '{ssh}', 'literal'] }) },
    DEFAULT_KEYMAP,
  ).pods!;

  it('fills each argument from the row, one argument each', () => {
    const row = pod('p1', { name: 'llama', sshConnection: 'root@10.0.0.1 -p 2222' });
    expect(commandArguments(inspect!, 'pods', row)).toEqual({
      argv: ['--id=p1', 'llama', 'root@10.0.0.1 -p 2222', 'literal'],
    });
    expect(commandArguments(inspect!, 'pods', pod('p2', { sshConnection: null }))).toEqual({ missing: 'ssh' });
  });

  it('keeps any name one argument, with only its control characters taken out, shell or not', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80, unit: 'binary' }), (name) => {
        fc.pre(sanitize(name) !== '');
        const filled = commandArguments(inspect!, 'pods', pod('p1', { name }));
        if (!('argv' in filled)) return false;
        expect(filled.argv).toHaveLength(4);
        expect(filled.argv[1]).toBe(sanitize(name));
        // Without a shell, the program and argv as they are; with one, the values are `$1`… after the script's name.
        expect(spawnArguments({ program: 'my-tool', argv: filled.argv, shell: false, name: 'inspect' })).toEqual([
          'my-tool',
          filled.argv,
        ]);
        expect(spawnArguments({ program: 'run "$2"', argv: filled.argv, shell: true, name: 'inspect' })).toEqual([
          '/bin/sh',
          ['-c', 'run "$2"', 'inspect', ...filled.argv],
        ]);
        return true;
      }),
    );
  });
});
