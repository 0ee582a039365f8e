import { readFileSync } from 'node:fs';
import { FakeClock, handlerFetch } from '@tokenwise/auth-core/testing';
import { describe, expect, it } from 'vitest';
import { Evrim, ResponseShapeError } from '../src/index.js';
import { EvrimCloud } from '../src/mock/index.js';
import { BASE_URL, rejectionOf } from './world.js';

// Item 6 of issue 16: drift in a field the SDK only passes through never fails a call; drift in a
// field it acts on (ids, the lists holding typed children, the pagination link) does. Every case
// serves a mutated copy of a recorded body (test/fixtures/evrim/) to the real client.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function recorded(file: string, index = 0): Json {
  const url = new URL(`./fixtures/evrim/${file}`, import.meta.url);
  const parsed = JSON.parse(readFileSync(url, 'utf8')) as {
    interactions: Array<{ response: { json: Json } }>;
  };
  const body = parsed.interactions[index]?.response.json;
  if (body === undefined) throw new Error(`${file} has no JSON body at ${index}`);
  return structuredClone(body);
}

const REPORT = recorded('report_get.exchange.recorded.json');
const RUN = recorded('run_get.exchange.recorded.json');
const RUNS = recorded('runs_list.exchange.recorded.json', 1);
const TASK = recorded('research_submit.exchange.recorded.json');

/** Keys whose values the SDK acts on: identifiers and the lists of typed children. */
const INTERPRETED = new Set([
  'id',
  'task_id',
  'report',
  'crew_run',
  'task',
  'sections',
  'paragraphs',
  'tasks',
]);

/** A deep copy with every leaf under an uninterpreted key replaced by `change(leaf, key)`. */
function mutateLeaves(value: Json, change: (leaf: Json, key: string) => Json, key = ''): Json {
  if (Array.isArray(value)) return value.map((entry) => mutateLeaves(entry, change, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mutateLeaves(v, change, k)]));
  }
  return INTERPRETED.has(key) ? value : change(value, key);
}

/** A deep copy with `extra` added to every object. */
function withExtraFields(value: Json): Json {
  if (Array.isArray(value)) return value.map(withExtraFields);
  if (value !== null && typeof value === 'object') {
    const copy = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withExtraFields(v)]));
    return { ...copy, added_in_v3: { nested: [1, 'two', null] }, flags: ['beta'] };
  }
  return value;
}

/** A deep copy without the uninterpreted keys. */
function withoutUninterpreted(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutUninterpreted);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => INTERPRETED.has(k))
        .map(([k, v]) => [k, withoutUninterpreted(v)]),
    );
  }
  return value;
}

/** A deep copy with each enum-like field set to a value no recording has. */
function withUnknownEnums(value: Json): Json {
  const unknown: Record<string, string> = {
    status: 'X',
    tone: 'SARDONIC',
    style: 'BULLETED',
    point_of_view: 'FIRST_PERSON',
  };
  if (Array.isArray(value)) return value.map(withUnknownEnums);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k in unknown ? (unknown[k] as string) : withUnknownEnums(v)]),
    );
  }
  return value;
}

const nullStrings = (leaf: Json) => (typeof leaf === 'string' ? null : leaf);
const typeDrift = (leaf: Json) =>
  typeof leaf === 'string' ? 42 : typeof leaf === 'number' ? String(leaf) : leaf;

/** A client whose server answers `bodies[path]` for these paths and is the simulator otherwise. */
async function clientServing(bodies: Record<string, { status?: number; json: Json }>): Promise<Evrim> {
  const cloud = new EvrimCloud({ clock: new FakeClock() });
  const fetch = handlerFetch(async (request) => {
    const path = new URL(request.url).pathname.replace(/^\/prod/, '');
    const body = bodies[path];
    if (body === undefined) return cloud.handler(request);
    return new Response(JSON.stringify(body.json), {
      status: body.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  return Evrim.create({ baseUrl: BASE_URL, username: 'demo', password: 'demo-password', fetch, env: {} });
}

const ids = (report: {
  report: { sections: Array<{ id: number; paragraphs: Array<{ id: number }> }> } | null;
}) => report.report?.sections.map((s) => [s.id, s.paragraphs.map((p) => p.id)]);
const recordedIds = ids(
  REPORT as unknown as { report: { sections: Array<{ id: number; paragraphs: Array<{ id: number }> }> } },
);

describe('uninterpreted fields may drift (mutated recordings)', () => {
  it('the recordings themselves parse, ids and all', async () => {
    const evrim = await clientServing({ '/reports/1/': { json: REPORT }, '/runs/': { json: RUNS } });
    const report = await evrim.report(1);
    expect(ids(report)).toEqual(recordedIds);
    expect(report.report?.sections).toHaveLength(9);
    expect(report.crew_run?.tasks).toHaveLength(20);
    expect((await evrim.runs()).map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it('extra fields at every level are dropped, not refused', async () => {
    const evrim = await clientServing({
      '/reports/1/': { json: withExtraFields(REPORT) },
      '/runs/1/': { json: withExtraFields(RUN) },
      '/research/': { status: 201, json: withExtraFields(TASK) },
    });
    const report = await evrim.report(1);
    expect(ids(report)).toEqual(recordedIds);
    expect(report).not.toHaveProperty('added_in_v3');
    expect((await evrim.run(1)).tasks.map((t) => t.agent_role)).toContain('Data Collection Agent');
    expect((await evrim.submitResearch({ url: 'https://trssllc.com' })).status).toBe('P');
  });

  it('null where text was recorded comes back as null (lists keep their other entries)', async () => {
    const evrim = await clientServing({
      '/reports/1/': { json: mutateLeaves(REPORT, nullStrings) },
      '/runs/': { json: mutateLeaves(RUNS, nullStrings) },
      '/research/': { status: 201, json: mutateLeaves(TASK, nullStrings) },
    });
    const report = await evrim.report(1);
    expect(ids(report)).toEqual(recordedIds);
    expect(report.report).toMatchObject({ title: null, description: null });
    expect(report.report?.task).toMatchObject({
      task_id: '41f555f8-d897-45e9-93b4-e78f5ae8e34a',
      status: null,
    });
    expect(report.report?.sections[1]).toMatchObject({ title: null, tone: null, sources: [] });
    expect(report.report?.sections[0]?.paragraphs[0]?.sentences).toEqual([]);
    expect(report.raw).toEqual([]);
    const runs = await evrim.runs();
    expect(runs.map((r) => r.result)).toEqual([null, null, null]);
    expect(runs[0]?.tasks[0]).toMatchObject({ id: 1, agent_role: null, section_name: null });
    const task = await evrim.submitResearch({ url: 'https://trssllc.com' });
    expect(task).toMatchObject({
      task_id: '61f4b00f-07a8-41b8-ac83-e2795a6bd3ad',
      created_at: null,
      status: null,
    });
    expect(task.event).toEqual({ id: 4, input: null });
  });

  it('values of another type than recorded read as null', async () => {
    const evrim = await clientServing({
      '/reports/1/': { json: mutateLeaves(REPORT, typeDrift) },
      '/research/': { status: 201, json: mutateLeaves(TASK, typeDrift) },
    });
    const report = await evrim.report(1);
    expect(ids(report)).toEqual(recordedIds);
    expect(report.crew_run?.tasks[0]).toMatchObject({ id: 1, name: null, description: null });
    const task = await evrim.submitResearch({ url: 'https://trssllc.com' });
    expect(task).toMatchObject({ created_by: null, status: null, event: { id: 4, input: null } });
  });

  it('enum values no recording has pass through as they came', async () => {
    const evrim = await clientServing({
      '/reports/': { json: [withUnknownEnums(REPORT)] },
      '/research/': { status: 201, json: withUnknownEnums(TASK) },
    });
    const report = await evrim.reportForTask('41f555f8-d897-45e9-93b4-e78f5ae8e34a');
    expect(report?.report?.task?.status).toBe('X');
    expect(report?.report?.sections[0]).toMatchObject({
      tone: 'SARDONIC',
      style: 'BULLETED',
      point_of_view: 'FIRST_PERSON',
    });
    expect((await evrim.submitResearch({ url: 'https://trssllc.com' })).status).toBe('X');
  });

  it('uninterpreted fields may be missing altogether', async () => {
    const evrim = await clientServing({
      '/reports/1/': { json: withoutUninterpreted(REPORT) },
      '/runs/1/': { json: withoutUninterpreted(RUN) },
    });
    const report = await evrim.report(1);
    expect(ids(report)).toEqual(recordedIds);
    expect(report.raw).toBeNull();
    expect(report.report?.sections[0]).toMatchObject({ title: null, sources: null });
    expect(report.report?.sections[0]?.paragraphs[0]).toMatchObject({ sentences: null, images: null });
    expect((await evrim.run(1)).result).toBeNull();
  });

  it('a paged list may drop `count` and `previous`, and end without `next`', async () => {
    const evrim = await clientServing({ '/runs/': { json: { results: RUNS } } });
    expect((await evrim.runs()).map((r) => r.id)).toEqual([1, 2, 3]);
  });
});

describe('interpreted fields stay strict', () => {
  const refused = async (path: string, json: Json, call: (evrim: Evrim) => Promise<unknown>) => {
    const evrim = await clientServing({ [path]: { json, status: path === '/research/' ? 201 : 200 } });
    const error = await rejectionOf(call(evrim));
    expect(error).toBeInstanceOf(ResponseShapeError);
    return error as ResponseShapeError;
  };
  const edit = (value: Json, change: (copy: Record<string, Json>) => void): Json => {
    const copy = structuredClone(value) as Record<string, Json>;
    change(copy);
    return copy;
  };

  it('a report without its id', async () => {
    await refused(
      '/reports/1/',
      edit(REPORT, (r) => {
        delete r.id;
      }),
      (e) => e.report(1),
    );
  });

  it('a section id that is not a number', async () => {
    const json = edit(REPORT, (r) => {
      const sections = (r.report as Record<string, Json[]>).sections as Array<Record<string, Json>>;
      (sections[0] as Record<string, Json>).id = 'one';
    });
    await refused('/reports/1/', json, (e) => e.report(1));
  });

  it('a report whose sections are not a list', async () => {
    const json = edit(REPORT, (r) => {
      (r.report as Record<string, Json>).sections = null;
    });
    await refused('/reports/1/', json, (e) => e.report(1));
  });

  it('a run step without its id', async () => {
    const json = edit(RUN, (r) => {
      delete ((r.tasks as Json[])[3] as Record<string, Json>).id;
    });
    await refused('/runs/1/', json, (e) => e.run(1));
  });

  it('a created task without its task_id', async () => {
    await refused(
      '/research/',
      edit(TASK, (t) => {
        t.task_id = null;
      }),
      (e) => e.submitResearch({ url: 'https://trssllc.com' }),
    );
  });

  it('a page whose next link is not a string', async () => {
    await refused('/runs/', { count: 3, next: 2, previous: null, results: RUNS }, (e) => e.runs());
  });
});
