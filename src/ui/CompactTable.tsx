/**
 * ink-table with one line per row. It draws a rule before every row, which
 * halves what fits on a 24-line terminal; this keeps only the first one, the
 * rule under the header.
 */
import { Table } from '@alcalzone/ink-table';
import { Fragment, type JSX } from 'react';

export class CompactTable<T extends Record<string, string>> extends Table<T> {
  constructor(props: Table<T>['props']) {
    super(props);
    const rule = this.separator;
    // ink-table keys each row's rule `separator-row-<hash>-<index>`: index 0 sits right under the header.
    this.separator = (row): JSX.Element => (String(row.key).endsWith('-0') ? rule(row) : <Fragment />);
  }
}
