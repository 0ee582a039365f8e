/** "in 3h 12m", "2m ago" — coarse, human, never negative zero. */
export function formatRelative(targetMs: number, nowMs: number): string {
  const delta = targetMs - nowMs;
  const text = formatSpan(Math.abs(delta));
  return delta >= 0 ? `in ${text}` : `${text} ago`;
}

/** A duration as its two largest units: "3d 4h", "12m 5s", "40s". */
export function formatSpan(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const units: Array<[string, number]> = [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  let rest = seconds;
  for (const [label, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || (parts.length === 0 && label === 's')) parts.push(`${count}${label}`);
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/** An instant as people read it in a table: `2026-12-06 09:12 UTC` (UTC: the same on every machine and in logs). */
export function formatInstant(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
