import type { RefusedCommand } from './device-commands.js';

/** A scene as the simulated hub holds it (the fields python-cozify reads, plus id and name). */
export interface MockScene {
  id: string;
  name: string;
  isOn: boolean;
  category: string;
}

/** Scenes a simulated hub starts with: one built-in, one made by the user. */
export function initialScenes(): Record<string, MockScene> {
  return {
    'scene-home': { id: 'scene-home', name: 'Home', isOn: true, category: 'FACTORY' },
    'scene-movie': { id: 'scene-movie', name: 'Movie night', isOn: false, category: 'USER' },
  };
}

/** Applies a `PUT scenes/command` body (`[{id, type: CMD_SCENE_ON | CMD_SCENE_OFF}]`), all or nothing. */
export function applySceneCommands(
  scenes: Record<string, MockScene>,
  body: unknown,
): RefusedCommand | undefined {
  if (!Array.isArray(body)) return { status: 400, error: 'expected a JSON array of commands' };
  const changes: Array<[MockScene, boolean]> = [];
  for (const command of body as Array<{ id?: unknown; type?: unknown }>) {
    const scene = typeof command?.id === 'string' ? scenes[command.id] : undefined;
    if (!scene) return { status: 400, error: 'unknown scene' };
    if (command.type !== 'CMD_SCENE_ON' && command.type !== 'CMD_SCENE_OFF') {
      return { status: 400, error: 'unknown command type' };
    }
    changes.push([scene, command.type === 'CMD_SCENE_ON']);
  }
  for (const [scene, isOn] of changes) scene.isOn = isOn;
  return undefined;
}
