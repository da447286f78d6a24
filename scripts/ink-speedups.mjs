// An esbuild plugin that makes Ink 8's frame drawing remember work between
// frames (see src/ink/*.ts for the measurements and why each is safe):
//
// - ink/build/output.js gets one OutputCaches object shared by every frame
//   instead of a fresh one per frame, so unchanged lines are not re-tokenised;
//   its empty grid is one frozen blank cell instead of 10,000 new objects;
//   and each text's serialised lines are remembered.
// - `string-width`, as Ink and its helpers import it, counts common
//   one-column glyphs without grapheme segmentation and remembers the rest.
//
// All are pure caches: what Ink draws is byte-for-byte the same (the
// component and end-to-end tests check the screen, the benchmark the bytes).
// The patch is matched against Ink's exact source; if an Ink upgrade changes
// it, the build stops with a message rather than silently drawing slower.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const cachedStringWidth = fileURLToPath(new URL('../src/ink/cached-string-width.ts', import.meta.url));
const frameCaches = fileURLToPath(new URL('../src/ink/frame-caches.ts', import.meta.url));

/** Each: Ink 8.0.0's exact text, and what replaces it. */
const OUTPUT_PATCHES = [
  // One caches object for every frame, not a new one per frame.
  ['    caches = new OutputCaches();', '    caches = __sharedAcrossFrames(OutputCaches);'],
  // The blank grid every frame starts from: one shared, frozen blank cell
  // instead of 10,000 new objects (and as many style arrays) per 200×50 frame
  // for the garbage collector. Ink replaces cells, never changes one.
  [
    `                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });`,
    '                row.push(__BLANK_CELL);',
  ],
  // A text's lines, re-serialised from its styled cells: remembered per text
  // instead of rebuilt for every text node on every frame.
  [
    `        const characterLines = [[]];
        for (const character of this.caches.getStyledChars(text)) {
            if (character.value === '\\n') {
                characterLines.push([]);
            }
            else {
                characterLines.at(-1).push(character);
            }
        }
        let lines = characterLines.map(line => styledCharsToString(line));`,
    '        let lines = __linesOf(this.caches, text, styledCharsToString);',
  ],
];

export function patchInkOutput(source) {
  let patched = source;
  for (const [original, replacement] of OUTPUT_PATCHES) {
    if (!patched.includes(original)) {
      throw new Error(`scripts/ink-speedups.mjs: ink/build/output.js no longer contains the code Ink 8.0.0 had; review the patch for this Ink version:\n${original}`);
    }
    patched = patched.replace(original, replacement);
  }
  return `import { sharedAcrossFrames as __sharedAcrossFrames, BLANK_CELL as __BLANK_CELL, linesOf as __linesOf } from ${JSON.stringify(frameCaches)};\n${patched}`;
}

const INK_OUTPUT = /[\\/]ink[\\/]build[\\/]output\.js$/;

/** For esbuild (the CLI and the benchmark bundles). */
export const inkSpeedups = {
  name: 'ink-speedups',
  setup(builder) {
    builder.onResolve({ filter: /^string-width$/ }, (args) => (args.importer === cachedStringWidth ? undefined : { path: cachedStringWidth }));
    builder.onLoad({ filter: INK_OUTPUT }, async (args) => ({
      contents: patchInkOutput(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};

/**
 * The same for Vite (vitest.config.ts), so component tests draw through the
 * patched Ink the CLI ships; Vitest must inline Ink for this (`deps.inline`).
 */
export const inkSpeedupsForVite = {
  name: 'ink-speedups',
  enforce: 'pre',
  resolveId(source, importer) {
    return source === 'string-width' && importer !== cachedStringWidth ? cachedStringWidth : null;
  },
  transform(code, id) {
    return INK_OUTPUT.test(id.split('?')[0]) ? { code: patchInkOutput(code), map: null } : null;
  },
};
