/**
 * `--notify`: a transition into a failed state rings the terminal bell and
 * sends a desktop notification (OSC 9), which terminals such as iTerm2,
 * kitty, WezTerm and Windows Terminal show, and which travels over SSH like
 * any other output. Neither sequence moves the cursor, so they can be written
 * between Ink's frames without disturbing the screen.
 */
import { sanitize, truncate } from '../util/text.js';
import { VIEWS } from '../views/index.js';
import { describeTransition, type Transition } from '../changes/transition.js';

const BELL = '\u0007';

export function notificationText(transition: Transition): string {
  // The name comes from the API: sanitised, so it cannot end the OSC string early.
  return truncate(
    sanitize(`cloudtop: ${VIEWS[transition.resource].singular} ${transition.name} ${describeTransition(transition)}`),
    200,
  );
}

export function notificationSequence(transition: Transition): string {
  return sequenceFor(notificationText(transition));
}

/** The bell and an OSC 9 notification carrying `text`, cleaned so it cannot end the sequence early. */
function sequenceFor(text: string): string {
  return `${BELL}\u001b]9;${truncate(sanitize(text), 200)}${BELL}`;
}

export interface Notifier {
  /** A transition into a failed state. */
  failure(transition: Transition): void;
  /** Anything else worth a notification, e.g. the wallet about to run out. */
  alert(text: string): void;
}

export function createNotifier(stdout: { write(chunk: string): unknown }): Notifier {
  return {
    failure: (transition) => void stdout.write(notificationSequence(transition)),
    alert: (text) => void stdout.write(sequenceFor(`cloudtop: ${text}`)),
  };
}
