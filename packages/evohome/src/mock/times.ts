/** The vendor's date-time format: UTC to the second, `YYYY-MM-DDTHH:MM:SSZ`. */
export function apiTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}

/** Reads a date-time a client sent (`...Z`, or naive, taken as UTC); `undefined` when it is not one. */
export function parseApiTime(value: unknown): number | undefined {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(value)
  ) {
    return undefined;
  }
  const zoned = /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
  const time = Date.parse(zoned);
  return Number.isNaN(time) ? undefined : time;
}
