import type { JsonValue, VegaLiteSpec } from './model.js';

/**
 * A spec as readable JSON for charts/<name>.vl.json: indented, except that each inlined data row
 * (in `data.values` or a named dataset) stays on one line (pretty-printing thousands of rows would triple the file for nothing).
 */
export function formatSpecJson(spec: VegaLiteSpec): string {
  const rows: JsonValue[] = [];
  const token = (i: number) => `@@pelsim-row-${i}@@`;
  const swap = (value: JsonValue, key?: string, inDatasets = false): JsonValue => {
    if (Array.isArray(value)) {
      return key === 'values' || inDatasets ? value.map((row) => (rows.push(row), token(rows.length - 1))) : value.map((v) => swap(v));
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v, k, key === 'datasets')]));
    }
    return value;
  };
  const text = JSON.stringify(swap(spec), null, 2);
  return `${text.replace(/"@@pelsim-row-(\d+)@@"/g, (_, i: string) => JSON.stringify(rows[Number(i)]))}\n`;
}
