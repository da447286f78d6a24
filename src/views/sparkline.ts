/**
 * Small trend charts in one line of text: `▁▂▃▅▇`, one glyph per reading.
 * Where the glyphs cannot be drawn (NO_COLOR asks for plain output, and a
 * locale that is not UTF-8 may not have them) nothing is drawn and the
 * figure beside it says enough.
 */

import { isUtf8Locale } from '../util/charset.js';

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

export interface SparklineScale {
  /** The value drawn as the lowest bar; default the smallest reading. */
  min?: number;
  /** The value drawn as the highest bar; default the largest reading. */
  max?: number;
}

/**
 * The last `width` readings as bars. On a fixed scale (GPU load: 0 to 100)
 * a bar's height is its value; without one, the readings' own range is
 * used, and readings that are all the same draw a flat middle line.
 */
export function sparkline(values: readonly number[], width: number, scale: SparklineScale = {}): string {
  const shown = values.slice(Math.max(0, values.length - Math.max(0, Math.floor(width)))).filter(Number.isFinite);
  if (shown.length === 0) return '';
  const min = scale.min ?? Math.min(...shown);
  const max = scale.max ?? Math.max(...shown);
  const top = BARS.length - 1;
  return shown
    .map((value) => {
      if (max <= min) return BARS[Math.floor(top / 2)];
      const level = Math.round(((Math.min(max, Math.max(min, value)) - min) / (max - min)) * top);
      return BARS[level];
    })
    .join('');
}

/**
 * Whether sparklines are drawn: not under NO_COLOR (plain output asked for),
 * and only where the locale says UTF-8 (`LC_ALL`, then `LC_CTYPE`, then
 * `LANG`, the order the C library reads them in).
 */
export function canDrawSparklines(env: NodeJS.ProcessEnv): boolean {
  return !env.NO_COLOR && isUtf8Locale(env);
}
