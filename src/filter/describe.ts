/**
 * The filter as the header shows it: the terms in canonical syntax (what
 * was understood, not what was typed) plus whether gone resources are hidden.
 */
import { sanitize } from '../util/text.js';
import { formatTerms, type FilterExpression } from './parse.js';

export const GONE_HIDDEN_NOTE = 'terminated hidden (a)';

export interface FilterDescription {
  /** e.g. `status:RUNNING label:eval "llama 3"`; '' when there are no terms. */
  terms: string;
  /** A note when gone resources are hidden, else null. */
  note: string | null;
}

export function describeFilterParts(filter: FilterExpression, showGone: boolean): FilterDescription {
  // Typed or pasted text may hold escape sequences; the header is a terminal.
  return { terms: sanitize(formatTerms(filter.terms)), note: showGone ? null : GONE_HIDDEN_NOTE };
}

/**
 * One line for the header, e.g. `/status:RUNNING label:eval · 12 of 40 · terminated hidden (a)`;
 * `matched` and `total` are shown only when there are terms to match.
 */
export function describeFilter(
  filter: FilterExpression,
  showGone: boolean,
  counts?: { matched: number; total: number },
): string {
  const { terms, note } = describeFilterParts(filter, showGone);
  const parts = terms ? [`/${terms}`, ...(counts ? [`${counts.matched} of ${counts.total}`] : [])] : [];
  if (note) parts.push(note);
  return parts.join(' · ');
}
