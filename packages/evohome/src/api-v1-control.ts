import type { AuthorizedHttp } from '@tokenwise/auth-core/vendor';
import type { EvohomeV1Session } from './schemas/session.js';
import { v1CommTaskSchema, v1TaskSchema } from './schemas/v1.js';

type Http = AuthorizedHttp<EvohomeV1Session>;

const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

/** A V1 `PUT` that answers a task id (`{id}` or `[{id}]`). */
export function putV1ForTask(
  http: Http,
  path: string,
  body: Record<string, unknown>,
  options: { searchParams?: Record<string, string>; signal?: AbortSignal | undefined } = {},
): Promise<string> {
  return http.json(path, v1TaskSchema, {
    method: 'PUT',
    json: body,
    ...(options.searchParams ? { searchParams: options.searchParams } : {}),
    ...withSignal(options.signal),
  });
}

/** `GET commTasks?commTaskId=..`: `pending` until `Succeeded`. */
export async function fetchV1TaskState(http: Http, taskId: string, signal?: AbortSignal): Promise<string> {
  const task = await http.json('commTasks', v1CommTaskSchema, {
    searchParams: { commTaskId: taskId },
    ...withSignal(signal),
  });
  return task.state;
}
