// How commands print results: one JSON document under --json, aligned "key: value" lines otherwise.
import type { Context } from '../context.js';
import { writeJson, writeLine } from './streams.js';

export function printRecord(ctx: Context, record: Record<string, unknown>): void {
  if (ctx.globals.json) {
    writeJson(ctx.io, record);
    return;
  }
  const width = Math.max(...Object.keys(record).map((key) => key.length));
  for (const [key, value] of Object.entries(record)) {
    writeLine(ctx.io.out, `${`${key}:`.padEnd(width + 2)}${formatValue(value)}`);
  }
}

function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '-';
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') : '-';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
