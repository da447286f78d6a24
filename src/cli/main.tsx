/**
 * What the `cloudtop` command does: parse flags, find the accounts (or start
 * the demo simulator), then either run the dashboard full screen until the
 * person quits, or print the start tab once for a script. The executable
 * entry is cli.ts.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from 'ink';
import { ConfigError } from '../config/config-error.js';
import { runSimulatorCommand } from '../sim/cli.js';
import { viewFor } from '../views/index.js';
import { canDrawSparklines } from '../views/sparkline.js';
import { isUtf8Locale, setAsciiOnly } from '../util/charset.js';
import { writeAsciiOnly } from '../terminal/ascii.js';
import { VERSION } from '../version.js';
import { App } from '../ui/App.js';
import { parseOptions, USAGE, UsageError, type Options } from '../config/flags.js';
import { createQueryClient } from '../data/queries.js';
import { checkApplicable, EMPTY_FILTER, parseFilter, type FilterExpression } from '../filter/index.js';
import { createNotifier } from '../terminal/notify.js';
import { printOnce } from './once.js';
import { DEFAULT_POLICY } from '../data/polling.js';
import { createRememberer, readRemembered, statePath } from './remembered.js';
import { configFor, openSession, type Session } from './session.js';
import { readConfigFile } from '../config/cloudtop-file.js';
import type { DispersedFileKeys } from '../config/dispersed-keys.js';
import { printConfig } from '../config/print-settings.js';
import { resolveSettings, type Settings } from '../config/settings.js';
import { ThemeContext } from '../views/theme.js';
import { createFetchers, createOperations, createWalletReader, createWhoamiReader } from '../data/sources.js';
import { guardTerminal, holdKeysFromStart } from '../terminal/guard.js';

export async function main(argv: readonly string[]): Promise<number> {
  // Outside a UTF-8 locale, every byte written is ASCII (terminal/ascii.ts).
  if (!isUtf8Locale(process.env)) {
    setAsciiOnly(true);
    writeAsciiOnly(process.stdout, process.stderr);
  }
  let options: Options;
  try {
    options = parseOptions(argv, Boolean(process.stdout.isTTY));
  } catch (error) {
    return usageFailure(error);
  }
  switch (options.command) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'version':
      process.stdout.write(`cloudtop ${VERSION}\n`);
      return 0;
    case 'sim':
      return runSimulatorCommand(options.rest);
    default:
      break;
  }
  // The config file and the environment fill in what no flag gave; a bad value anywhere stops here, before the terminal is touched.
  let settings: Settings;
  let filter: FilterExpression | undefined;
  try {
    settings = resolveSettings(options, process.env, readConfigFile(process.env));
    filter = startFilter(settings.options);
  } catch (error) {
    return usageFailure(error);
  }
  for (const warning of settings.file.warnings) process.stderr.write(`cloudtop: ${warning}\n`);
  const resolved = settings.options;
  const dispersedFile = { path: settings.file.path, ...settings.file.settings.dispersed };
  if (resolved.command === 'print-config') return printSettings(settings, dispersedFile);
  const start = filter ?? settings.file.tabStarts[resolved.tab]?.filter ?? EMPTY_FILTER;
  return withSession(resolved, dispersedFile, settings.file.warnings, (session) =>
    resolved.command === 'once'
      ? runOnce(resolved, start, settings, session)
      : runDashboard(resolved, filter, settings, session),
  );
}

/** A bad flag or setting: one line on stderr, exit status 2. */
function usageFailure(error: unknown): number {
  if (error instanceof UsageError || error instanceof ConfigError) {
    process.stderr.write(`cloudtop: ${error.message}\n`);
    return 2;
  }
  throw error;
}

function printSettings(settings: Settings, dispersedFile: DispersedFileKeys): number {
  let config;
  try {
    config = configFor(settings.options, process.env, dispersedFile);
  } catch (error) {
    return usageFailure(error);
  }
  for (const warning of config.warnings) process.stderr.write(`cloudtop: ${warning}\n`);
  process.stdout.write(printConfig(settings, config));
  return 0;
}

/** `--filter`, checked against the start tab before anything starts: a bad one is a usage error. */
function startFilter(options: Options): FilterExpression | undefined {
  if (options.filter === undefined) return undefined;
  const parsed = parseFilter(options.filter);
  if (!parsed.ok) throw new UsageError(`--filter: ${parsed.error}`);
  const hint = checkApplicable(parsed.filter, viewFor(options.tab));
  if (hint) throw new UsageError(`--filter: ${hint}`);
  return parsed.filter;
}

async function withSession(
  options: Options,
  dispersedFile: DispersedFileKeys,
  fileWarnings: readonly string[],
  run: (session: Session) => Promise<number>,
): Promise<number> {
  let session: Session;
  try {
    session = await openSession(options, process.env, dispersedFile);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`cloudtop: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  for (const warning of session.config.warnings) process.stderr.write(`cloudtop: ${warning}\n`);
  // The dashboard shows both files' warnings on its flash line, where the alternate screen does not hide them.
  session.config.warnings.unshift(...fileWarnings);
  try {
    return await run(session);
  } finally {
    await session.close();
  }
}

function runOnce(options: Options, filter: FilterExpression, settings: Settings, session: Session): Promise<number> {
  return printOnce(
    createFetchers(session.clients),
    {
      kind: options.tab,
      filter,
      showGone: options.all,
      output: options.output,
      columns: settings.file.columns[options.tab],
      sort: settings.file.tabStarts[options.tab]?.sort,
    },
    { stdout: process.stdout, stderr: process.stderr },
  );
}

async function runDashboard(
  options: Options,
  filter: FilterExpression | undefined,
  settings: Settings,
  session: Session,
): Promise<number> {
  if (!process.stdin.isTTY) {
    process.stderr.write('cloudtop: the dashboard needs an interactive terminal (use --once to print the list)\n');
    return 2;
  }
  const queryClient = createQueryClient();
  const warnings: string[] = [];
  const warn = (line: string): void => {
    process.stderr.write(`cloudtop: ${line}\n`);
    warnings.push(line);
  };
  const rememberedAt = statePath(process.env);
  // Read even with --fresh, quietly: what this run types is added to the history kept there.
  const kept = readRemembered(rememberedAt, options.fresh ? () => undefined : warn);
  const remembered = options.fresh ? {} : kept;
  holdKeysFromStart();
  const instance = render(
    <QueryClientProvider client={queryClient}>
      <ThemeContext value={settings.theme.palette}>
        <App
          fetchers={createFetchers(session.clients)}
          source={session.source}
          describeSource={session.describe}
          teamId={session.config.prime.teamId}
          policy={{ ...DEFAULT_POLICY, intervalMs: options.intervalSeconds * 1000 }}
          // A tab named by a flag or CLOUDTOP_TAB, or a --filter (checked against that tab), starts where it says; else the last run's tab, over the config file's.
          initialTab={
            settings.sources.tab === 'flag' || settings.sources.tab === 'env' || options.filter !== undefined
              ? options.tab
              : (remembered.tab ?? options.tab)
          }
          initialFilter={options.filter === undefined ? undefined : filter}
          remembered={remembered}
          onRemember={createRememberer(rememberedAt, warn, options.fresh ? kept : {})}
          switcher={session.switcher(options.readOnly)}
          showGone={options.all}
          highlightMs={options.highlightSeconds * 1000}
          readOnly={options.readOnly}
          operations={createOperations(session.clients, { readOnly: options.readOnly })}
          notifier={options.notify ? createNotifier(process.stdout) : undefined}
          wallet={createWalletReader(session.clients)}
          whoami={createWhoamiReader(session.clients)}
          sparklines={canDrawSparklines(process.env)}
          monochrome={Boolean(process.env.NO_COLOR)}
          notices={[...session.config.warnings, ...warnings]}
          sshKeyPath={session.config.prime.sshKeyPath}
          keymap={settings.keymap}
          tabStart={settings.file.tabStarts}
          columnChoice={settings.file.columns}
          watches={settings.file.watches}
          commands={settings.file.commands}
        />
      </ThemeContext>
    </QueryClientProvider>,
    {
      alternateScreen: true,
      incrementalRendering: true,
      maxFps: 30,
      exitOnCtrlC: false,
      // Ink treats CI=true as non-interactive; a person at a TTY gets the dashboard regardless.
      interactive: true,
      patchConsole: true,
    },
  );
  const unguard = guardTerminal({ unmount: () => instance.unmount(), secrets: session.secrets });
  scheduleTestCrash(process.env.CLOUDTOP_TEST_CRASH);
  try {
    await instance.waitUntilExit();
  } finally {
    unguard();
    queryClient.clear();
  }
  return 0;
}

/**
 * Lets the end-to-end tests prove that a crash restores the terminal:
 * `CLOUDTOP_TEST_CRASH=exception|rejection` fails that way half a second in.
 */
function scheduleTestCrash(kind: string | undefined): void {
  if (kind !== 'exception' && kind !== 'rejection') return;
  setTimeout(() => {
    const error = new Error(`simulated ${kind} for testing`);
    if (kind === 'exception') throw error;
    void Promise.reject(error);
  }, 500);
}
