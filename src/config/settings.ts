/**
 * cloudtop's own settings in force, and where each came from: a flag wins
 * over the environment (`CLOUDTOP_TAB`, `CLOUDTOP_INTERVAL`, …), which wins
 * over the config file (config-file.ts), which wins over the default — the
 * order config.ts keeps for the accounts. Also the key map and theme the
 * file asks for, checked before anything is drawn.
 */
import { ConfigError } from './config-error.js';
import { RESOURCE_KINDS, type ResourceKind } from '../views/index.js';
import { sanitize } from '../util/text.js';
import { THEME_NAMES, type Palette, type ThemeName } from '../views/theme.js';
import { MIN_INTERVAL_SECONDS, parseSeconds, UsageError, type FlagSetting, type Options } from './flags.js';
import { paletteFrom, type ConfigFile } from './cloudtop-file.js';
import type { ValueSource } from './api-accounts.js';
import type { KeyMap } from '../input/bindings.js';
import type { Environment } from './prime-cli-files.js';

export type SettingName = FlagSetting | 'theme';

export interface Settings {
  /** The flags with the environment's and the file's settings filled in where no flag was given. */
  options: Options;
  sources: Record<SettingName, ValueSource>;
  theme: { name: ThemeName; palette: Palette };
  keymap: KeyMap;
  file: ConfigFile;
}

/** The environment variable for each setting. */
export const SETTING_ENV: Readonly<Record<SettingName, string>> = {
  tab: 'CLOUDTOP_TAB',
  interval: 'CLOUDTOP_INTERVAL',
  highlight: 'CLOUDTOP_HIGHLIGHT',
  notify: 'CLOUDTOP_NOTIFY',
  readOnly: 'CLOUDTOP_READ_ONLY',
  all: 'CLOUDTOP_ALL',
  theme: 'CLOUDTOP_THEME',
};

/** Throws ConfigError (one line naming the variable or the file's field) for a bad value. */
export function resolveSettings(flags: Options, env: Environment, file: ConfigFile): Settings {
  const options: Options = { ...flags };
  const sources = {} as Record<SettingName, ValueSource>;
  const fromFile = file.settings;

  /** The value in force: the flag's, else the environment's, else the file's; undefined keeps the default. */
  const pick = <T>(
    name: FlagSetting,
    parseEnv: (text: string, variable: string) => T,
    fileValue: T | undefined,
    apply: (value: T) => void,
  ): void => {
    if (flags.fromFlags.has(name)) {
      sources[name] = 'flag';
      return;
    }
    const text = env[SETTING_ENV[name]]?.trim();
    if (text) {
      apply(parseEnv(text, SETTING_ENV[name]));
      sources[name] = 'env';
    } else if (fileValue !== undefined) {
      apply(fileValue);
      sources[name] = 'file';
    } else {
      sources[name] = 'default';
    }
  };
  pick('tab', envTab, fromFile.tab, (tab) => (options.tab = tab));
  pick(
    'interval',
    envSeconds(MIN_INTERVAL_SECONDS),
    fromFile.interval,
    (seconds) => (options.intervalSeconds = seconds),
  );
  pick('highlight', envSeconds(0), fromFile.highlight, (seconds) => (options.highlightSeconds = seconds));
  pick('notify', envBoolean, fromFile.notify, (on) => (options.notify = on));
  pick('readOnly', envBoolean, fromFile.readOnly, (on) => (options.readOnly = on));
  pick('all', envBoolean, fromFile.all, (on) => (options.all = on));

  const themeText = env[SETTING_ENV.theme]?.trim();
  const themeName = themeText ? envTheme(themeText) : undefined;
  sources.theme = themeName ? 'env' : fromFile.theme !== undefined ? 'file' : 'default';
  const theme = paletteFrom(fromFile.theme, themeName);

  return { options, sources, theme, keymap: file.keymap, file };
}

function envTab(text: string, variable: string): ResourceKind {
  const tab = text.toLowerCase();
  const match = RESOURCE_KINDS.find((kind) => kind === tab || kind === `${tab}s`);
  if (!match) throw new ConfigError(`${variable} must be one of ${RESOURCE_KINDS.join(', ')}`);
  return match;
}

function envSeconds(minimum: number): (text: string, variable: string) => number {
  return (text, variable) => {
    try {
      return parseSeconds(variable, text, minimum);
    } catch (error) {
      // The message quotes the value, which is the environment's: cleaned before it reaches a terminal.
      if (error instanceof UsageError) throw new ConfigError(sanitize(error.message));
      throw error;
    }
  };
}

function envBoolean(text: string, variable: string): boolean {
  const value = text.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(`${variable} must be true or false (or 1 / 0)`);
}

function envTheme(text: string): ThemeName {
  const name = THEME_NAMES.find((theme) => theme === text.toLowerCase());
  if (!name) throw new ConfigError(`${SETTING_ENV.theme} must be one of ${THEME_NAMES.join(', ')}`);
  return name;
}
