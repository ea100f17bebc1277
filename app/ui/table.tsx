import type { ReactNode } from "react";

/**
 * govuk-frontend table (node_modules/govuk-frontend/dist/govuk/components/table/template.njk),
 * with its parameters under React names: caption (and its size), head, rows, firstCellIsHeader,
 * numeric cells. Column widths are govuk-frontend's width override classes on the head cells.
 */

export type ColumnWidth = "full" | "three-quarters" | "two-thirds" | "one-half" | "one-third" | "one-quarter";

interface CellOptions {
  content: ReactNode;
  /** Right-aligned, tabular figures: govuk-table__cell--numeric (header--numeric in the head). */
  format?: "numeric";
  className?: string;
  id?: string;
  colSpan?: number;
  rowSpan?: number;
}

/** Text as it is, or a cell with options. */
export type TableCell = string | number | CellOptions;
export type TableHeadCell = string | (CellOptions & { width?: ColumnWidth });

export interface TableRow {
  key: string;
  cells: TableCell[];
  className?: string;
}

/** A right-aligned figure. */
export const numeric = (content: ReactNode, options: Omit<CellOptions, "content" | "format"> = {}): CellOptions => ({ content, format: "numeric", ...options });

const options = (cell: TableCell | TableHeadCell): CellOptions & { width?: ColumnWidth } => (typeof cell === "object" ? cell : { content: cell });
const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(" ");

export function Table({
  id,
  className,
  caption,
  captionSize,
  captionClassName,
  captionId,
  head,
  rows,
  firstCellIsHeader = false,
  scroll = false,
}: {
  id?: string;
  /** Extra classes on the table, e.g. govuk-table--small-text-until-tablet. */
  className?: string;
  caption?: ReactNode;
  captionSize?: "s" | "m" | "l" | "xl";
  captionClassName?: string;
  /** For a scrolling wrapper labelled by the caption. */
  captionId?: string;
  head?: TableHeadCell[];
  rows: TableRow[];
  /** Each row's first cell is its header (th scope="row"). */
  firstCellIsHeader?: boolean;
  /**
   * For a table that can be wider than the screen (many columns, or a phone): it scrolls sideways
   * inside its own area instead of widening the page, and that area is a focusable region named
   * by the caption, so keyboard users can scroll it and screen readers announce it (WCAG 2.1.1;
   * axe's scrollable-region-focusable; https://adrianroselli.com/2020/11/under-engineered-responsive-tables.html).
   */
  scroll?: boolean;
}) {
  const labelId = captionId ?? (scroll && id ? `${id}-caption` : undefined);
  if (scroll && !(caption && labelId)) throw new Error("A scrolling table needs a caption and an id (or captionId) to name its region");
  const table = (
    <table className={classes("govuk-table", className)} id={id}>
      {caption ? (
        <caption id={labelId} className={classes("govuk-table__caption", captionSize && `govuk-table__caption--${captionSize}`, captionClassName)}>
          {caption}
        </caption>
      ) : null}
      {head ? (
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {head.map((cell, i) => {
              const c = options(cell);
              return (
                <th
                  key={i}
                  scope="col"
                  className={classes("govuk-table__header", c.format && `govuk-table__header--${c.format}`, c.width && `govuk-!-width-${c.width}`, c.className)}
                  id={c.id}
                  colSpan={c.colSpan}
                  rowSpan={c.rowSpan}
                >
                  {c.content}
                </th>
              );
            })}
          </tr>
        </thead>
      ) : null}
      <tbody className="govuk-table__body">
        {rows.map((row) => (
          <tr key={row.key} className={classes("govuk-table__row", row.className)}>
            {row.cells.map((cell, i) => {
              const c = options(cell);
              return i === 0 && firstCellIsHeader ? (
                <th key={i} scope="row" className={classes("govuk-table__header", c.className)} id={c.id} colSpan={c.colSpan} rowSpan={c.rowSpan}>
                  {c.content}
                </th>
              ) : (
                <td key={i} className={classes("govuk-table__cell", c.format && `govuk-table__cell--${c.format}`, c.className)} id={c.id} colSpan={c.colSpan} rowSpan={c.rowSpan}>
                  {c.content}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return scroll ? (
    <div className="app-table-scroll" role="region" aria-labelledby={labelId} tabIndex={0}>
      {table}
    </div>
  ) : (
    table
  );
}
