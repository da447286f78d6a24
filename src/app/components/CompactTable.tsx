/**
 * ink-table with one line per row: it draws a rule between every pair of
 * rows, which halves what fits on a 24-line terminal. The rule under the
 * header and the borders stay.
 */
import { Table } from '@alcalzone/ink-table';
import { Fragment } from 'react';

export class CompactTable<T extends Record<string, string>> extends Table<T> {
  override separator = () => <Fragment />;
}

/** Lines the table spends beyond its rows: top border, header, header rule, bottom border. */
export const COMPACT_TABLE_CHROME = 4;
