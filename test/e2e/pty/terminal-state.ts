// What the child did to the terminal beyond the screen's text, followed
// through xterm's parser hooks: the cursor's visibility, synchronized-output
// frames, window titles and other operating-system commands.
import type { XTerm } from './emulator.js';

// Terminals render anyway when a synchronized-output frame (mode 2026) stays
// open too long; the headless emulator never does, so waitFor applies this.
const SYNC_FRAME_TIMEOUT_MS = 1000;

/**
 * OSC identifiers the session records: titles (0-2), colours (4, 10-19, 104,
 * 110-119), working directory (7), hyperlinks (8), notifications (9, 777),
 * clipboard (52), shell integration (133, 633) and iTerm2's (1337).
 */
const OSC_IDS = [
  0, 1, 2, 4, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 50, 51, 52, 104, 110, 111, 112, 133, 633, 777, 1337,
];

export interface TerminalState {
  /** DECTCEM as parsed so far. */
  cursorHidden(): boolean;
  /** A synchronized-output frame is open and not yet timed out: the screen may be half drawn. */
  frameOpen(): boolean;
  titles(): string[];
  oscs(): { id: number; data: string }[];
}

export function watchTerminalState(term: XTerm): TerminalState {
  // DECTCEM is not in the public `modes`; follow it through parser hooks,
  // which run in stream order (returning false lets xterm handle it too).
  let hidden = false;
  let syncFrameSince = 0;
  const has = (params: (number | number[])[], mode: number): boolean => params.some((p) => p === mode);
  term.parser.registerCsiHandler({ prefix: '?', final: 'h' }, (params) => {
    if (has(params, 25)) hidden = false;
    if (has(params, 2026) && !term.modes.synchronizedOutputMode) syncFrameSince = Date.now();
    return false;
  });
  term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, (params) => {
    if (has(params, 25)) hidden = true;
    return false;
  });
  const titles: string[] = [];
  term.onTitleChange((title) => titles.push(title));
  const oscs: { id: number; data: string }[] = [];
  for (const id of OSC_IDS) {
    term.parser.registerOscHandler(id, (data) => {
      oscs.push({ id, data });
      return false;
    });
  }

  // RIS (ESC c) and DECSTR (CSI ! p) show the cursor again.
  term.parser.registerEscHandler({ final: 'c' }, () => {
    hidden = false;
    return false;
  });
  term.parser.registerCsiHandler({ intermediates: '!', final: 'p' }, () => {
    hidden = false;
    return false;
  });

  return {
    cursorHidden: () => hidden,
    frameOpen: () => term.modes.synchronizedOutputMode && Date.now() - syncFrameSince < SYNC_FRAME_TIMEOUT_MS,
    titles: () => [...titles],
    oscs: () => oscs.map((osc) => ({ ...osc })),
  };
}
