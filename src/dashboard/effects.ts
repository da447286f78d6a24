/**
 * Carries out what the controllers ask for beyond a new UI state: quit,
 * refresh a list, say something on the flash line, send DELETEs, hand the
 * terminal to ssh or to a command of the config file (or run one in the
 * background), copy to the clipboard, move to another account. Each
 * outcome comes back as one flash line.
 */
import { useApp, useStdout } from 'ink';
import { useCallback } from 'react';
import type { CopyText } from '../views/actions.js';
import { sanitize } from '../util/text.js';
import type { AccountState } from '../data/useAccount.js';
import type { Deletions } from '../data/deletions.js';
import type { ResourceKind } from '../views/index.js';
import { MAX_COPY_BYTES, osc52 } from '../terminal/clipboard.js';
import { lendTerminal } from '../terminal/guard.js';
import { describeSsh, missingKey, runSsh, sshCommand, type SshOutcome } from '../terminal/ssh.js';
import { describeRun, runCommand, type RunOutcome } from '../terminal/run-command.js';
import type { Effect } from '../controllers/index.js';
import type { ShowFlash } from './useFlash.js';

export interface EffectParts {
  deletions: Deletions;
  accounts: AccountState;
  refresh: (kind: ResourceKind) => void;
  showFlash: ShowFlash;
  /** The private key `s` connects with and `c` puts in a pod's ssh command. */
  sshKeyPath: string;
  /** Called when the account changed, so what referred to the old one's resources can go. */
  onAccountSwitch: () => void;
}

/** An error stays on the flash line longer: it is what a person must act on. */
const ERROR_MS = 10_000;

export function useEffects({ deletions, accounts, refresh, showFlash, sshKeyPath, onAccountSwitch }: EffectParts) {
  const { exit, suspendTerminal } = useApp();
  const { stdout } = useStdout();
  return useCallback(
    (effect: Effect): void => {
      switch (effect.type) {
        case 'quit':
          exit();
          return;
        case 'refresh':
          refresh(effect.kind);
          return;
        case 'flash':
          showFlash(effect.text, effect.tone);
          return;
        case 'delete':
          void deletions.run(effect.kind, effect.targets).then((outcome) => {
            showFlash(outcome.summary(), outcome.tone, outcome.tone === 'error' ? ERROR_MS : undefined);
            refresh(effect.kind);
          });
          return;
        case 'ssh': {
          const missing = missingKey(sshKeyPath);
          if (missing) return showFlash(missing, 'error', ERROR_MS);
          // Ink leaves the alternate screen and hands over the keyboard (and Ctrl-C is ssh's until it ends);
          // polling goes on, drawing waits, and the same dashboard comes back.
          let ended: SshOutcome = { code: null, lastError: 'the terminal could not be handed over' };
          void lendTerminal(() =>
            suspendTerminal(async () => {
              ended = await runSsh(sshKeyPath, effect.connection);
            }),
          )
            .catch(() => undefined)
            .then(() => {
              const { text, tone } = describeSsh(effect.name, ended);
              showFlash(text, tone, tone === 'error' ? ERROR_MS : undefined);
            });
          return;
        }
        case 'run': {
          const { command, argv } = effect;
          const what = `${command.name} on ${effect.target}`;
          const spec = { program: command.program, argv, shell: command.shell, name: command.name };
          const told = (outcome: RunOutcome): void => {
            const { text, tone } = describeRun(what, outcome);
            showFlash(text, tone, tone === 'error' ? ERROR_MS : undefined);
          };
          if (command.background) {
            showFlash(`Running ${what} in the background`, 'info');
            void runCommand({ ...spec, foreground: false }).then(told);
            return;
          }
          // As for ssh: the terminal is the command's until it exits, then the same dashboard comes back.
          let ended: RunOutcome = { code: null, lastError: 'the terminal could not be handed over' };
          void lendTerminal(() =>
            suspendTerminal(async () => {
              ended = await runCommand({ ...spec, foreground: true });
            }),
          )
            .catch(() => undefined)
            .then(() => told(ended));
          return;
        }
        case 'copy': {
          const { text, tone } = copyToClipboard(effect.text, sshKeyPath, (sequence) => stdout.write(sequence));
          showFlash(text, tone);
          return;
        }
        case 'switchTeam':
        case 'switchContext': {
          const outcome = effect.type === 'switchTeam' ? accounts.toTeam(effect.name) : accounts.toContext(effect.name);
          if (outcome.switched) onAccountSwitch();
          showFlash(outcome.text, outcome.switched ? 'success' : 'error', outcome.switched ? undefined : ERROR_MS);
          return;
        }
      }
    },
    [accounts, deletions, exit, onAccountSwitch, refresh, showFlash, sshKeyPath, stdout, suspendTerminal],
  );
}

/**
 * Puts the text on the clipboard with OSC 52 and says what was copied. The
 * text is cleaned first: a name or address with a line break in it must not
 * run as a command when pasted into a shell.
 */
function copyToClipboard(
  copy: CopyText,
  sshKeyPath: string,
  write: (sequence: string) => void,
): { text: string; tone: 'info' | 'error' } {
  const text = sanitize('sshConnection' in copy ? sshCommand(sshKeyPath, sanitize(copy.sshConnection)) : copy.text);
  const sequence = osc52(text);
  if (sequence === null) {
    return {
      text: `Not copied: ${copy.what} is longer than the ${MAX_COPY_BYTES / 1024} KB terminals accept`,
      tone: 'error',
    };
  }
  write(sequence);
  return { text: `Copied ${copy.what}: ${text}`, tone: 'info' };
}
