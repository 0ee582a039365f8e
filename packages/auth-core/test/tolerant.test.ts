import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tolerant, tolerantList } from '../src/kit/tolerant.js';

const device = z.looseObject({
  id: z.string(),
  name: tolerant(z.string()),
  note: tolerant(z.string().nullable()),
  tags: tolerantList(z.string()),
});

describe('tolerant reading', () => {
  it('a drifted field the SDK only hands on reads as undefined; the call still returns its data', () => {
    expect(device.parse({ id: 'a', name: 42, note: null, tags: ['x', 3, 'y'], extra: true })).toEqual({
      id: 'a',
      name: undefined,
      note: null,
      tags: ['x', 'y'],
      extra: true,
    });
  });

  it('a missing or null list reads as empty; a strict field still fails', () => {
    expect(device.parse({ id: 'b', tags: null })).toMatchObject({ id: 'b', tags: [] });
    expect(device.parse({ id: 'c' }).tags).toEqual([]);
    expect(device.safeParse({ id: 7, name: 'x' }).success).toBe(false);
  });
});
