import type { ReactNode } from 'react';

export interface SimpleColumn<T> {
  key: string;
  title: string;
  align?: 'left' | 'right';
  render(row: T): ReactNode;
}

/**
 * A short table (a handful of rows, no sorting or paging) as plain HTML: the dashboard's list of districts needs
 * none of Ant Design's table machinery, and the page opens faster without it.
 */
export function SimpleTable<T>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: ReactNode;
  columns: SimpleColumn<T>[];
  rows: readonly T[];
  rowKey(row: T): string;
}) {
  return (
    <table className="simple-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col" className={c.align === 'right' ? 'num' : undefined}>
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((c) => (
              <td key={c.key} className={c.align === 'right' ? 'num' : undefined}>
                {c.render(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
