/**
 * ink-table with one line per row. It draws a rule before every row, which
 * halves what fits on a 24-line terminal; this keeps only the first one, the
 * rule under the header.
 */
import { Table } from '@alcalzone/ink-table';
import { Fragment } from 'react';

type RowProps<T extends Record<string, string>> = Parameters<Table<T>['separator']>[0];

export class CompactTable<T extends Record<string, string>> extends Table<T> {
  private readonly rule = this.separator;
  // ink-table keys each row's rule `separator-row-<hash>-<index>`: index 0 sits right under the header.
  override separator = (props: RowProps<T>) => (String(props.key).endsWith('-0') ? this.rule(props) : <Fragment />);
}

/** Lines the table spends beyond its rows: top border, header, header rule, bottom border. */
export const COMPACT_TABLE_CHROME = 4;
