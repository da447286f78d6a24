/**
 * `--notify`: a transition into a failed state rings the terminal bell and
 * sends a desktop notification (OSC 9), which terminals such as iTerm2,
 * kitty, WezTerm and Windows Terminal show, and which travels over SSH like
 * any other output. Neither sequence moves the cursor, so they can be written
 * between Ink's frames without disturbing the screen.
 */
import { sanitize, truncate } from '../views/text.js';
import { VIEWS } from '../views/index.js';
import { describeTransition, type Transition } from './transitions.js';

const BELL = '\u0007';

export function notificationText(transition: Transition): string {
  // The name comes from the API: sanitised, so it cannot end the OSC string early.
  return truncate(sanitize(`cloudtop: ${VIEWS[transition.resource].singular} ${transition.name} ${describeTransition(transition)}`), 200);
}

export function notificationSequence(transition: Transition): string {
  return `${BELL}\u001b]9;${notificationText(transition)}${BELL}`;
}

export function createNotifier(stdout: { write(chunk: string): unknown }): (transition: Transition) => void {
  return (transition) => {
    stdout.write(notificationSequence(transition));
  };
}
