import { tolerant } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';

/**
 * One scene of `GET cc/<ver>/scenes` (no recorded reply: the fields are the
 * ones python-cozify reads, `isOn` and `category`). Nothing in it is acted
 * on, so every field is read leniently and the rest passes through.
 */
export const sceneSchema = z.looseObject({
  id: tolerant(z.string()),
  name: tolerant(z.string()),
  /** Whether the scene is active. */
  isOn: tolerant(z.boolean()),
  /** e.g. `FACTORY` for the hub's built-in scenes. */
  category: tolerant(z.string()),
});

/** One scene on a hub. */
export type CozifyScene = z.infer<typeof sceneSchema>;

/** `GET cc/<ver>/scenes`: scene id -> scene. */
export const scenesSchema = z.record(z.string(), sceneSchema);
