/** The exact figures behind a chart, folded away under "查看数据": for readers who need the numbers, and for screen readers. */
import { useT } from '../../core/i18n/index.ts';

interface Props {
  columns: string[];
  /** `key` names the row (a region code, a category id) for links and tests. */
  rows: { key: string; cells: (string | number)[] }[];
  testId?: string;
}

export function DataTable({ columns, rows, testId }: Props) {
  const t = useT();
  return (
    <details className="chart-data">
      <summary>{t('hotspots.data')}</summary>
      <table className="list" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-key={row.key}>
              {row.cells.map((cell, j) => (
                <td key={j} className={typeof cell === 'number' ? 'num' : undefined}>
                  {typeof cell === 'number' ? cell.toLocaleString('en', { maximumFractionDigits: 2 }) : cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
