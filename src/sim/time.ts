export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * Date parts per UTC day. Generating tens of thousands of resources formats
 * several timestamps each; Date#toISOString was a measurable share of that.
 */
const dayPrefix = new Map<number, string>();

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function isoParts(ms: number): { day: string; h: number; m: number; s: number; milli: number } {
  const dayIndex = Math.floor(ms / DAY);
  let day = dayPrefix.get(dayIndex);
  if (day === undefined) {
    day = new Date(dayIndex * DAY).toISOString().slice(0, 11);
    if (dayPrefix.size > 4096) dayPrefix.clear();
    dayPrefix.set(dayIndex, day);
  }
  const rest = ms - dayIndex * DAY;
  return {
    day,
    h: Math.floor(rest / HOUR),
    m: Math.floor((rest % HOUR) / MINUTE),
    s: Math.floor((rest % MINUTE) / SECOND),
    milli: Math.floor(rest % SECOND),
  };
}

/** Prime timestamps: ISO 8601 with milliseconds and Z (same output as Date#toISOString). */
export function isoMillis(ms: number): string {
  const t = Math.floor(ms);
  if (t < 0 || t > 253402300799999) return new Date(t).toISOString();
  const p = isoParts(t);
  return `${p.day}${pad(p.h, 2)}:${pad(p.m, 2)}:${pad(p.s, 2)}.${pad(p.milli, 3)}Z`;
}

/** Dispersed timestamps: whole seconds, as in the doc's example (`2023-11-07T05:31:56Z`). */
export function isoSeconds(ms: number): string {
  const t = Math.floor(ms);
  if (t < 0 || t > 253402300799999) return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const p = isoParts(t);
  return `${p.day}${pad(p.h, 2)}:${pad(p.m, 2)}:${pad(p.s, 2)}Z`;
}
