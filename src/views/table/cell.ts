/** What a table cell is: its text and how it is drawn. */
import type { ColourRole } from '../theme.js';

export interface CellStyle {
  /** What the colour means; the theme in force (theme.ts) decides the colour. */
  color?: ColourRole;
  dim?: boolean;
  bold?: boolean;
}

export interface Cell extends CellStyle {
  text: string;
  /**
   * A change: the cell reads `FROM → TEXT`, and when the column is narrow
   * `FROM` gives way first, so what it became is never what is cut.
   */
  from?: string;
}
