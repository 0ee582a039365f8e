import { describe, expect, it } from 'vitest';
import { Evrim } from '../src/index.js';
import { BASE_URL, createWorld } from './world.js';

interface Sent {
  method: string;
  url: string;
  contentType: string | null;
  authorization: string | null;
  body: string;
}

/** A world whose fetch records exactly what the SDK puts on the wire, before the mock answers. */
function recordingWorld() {
  const w = createWorld();
  const sent: Sent[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push({
      method: request.method,
      url: request.url,
      contentType: request.headers.get('content-type'),
      authorization: request.headers.get('authorization'),
      body: await request.clone().text(),
    });
    return w.fetch(request);
  };
  return { ...w, sent, fetch };
}

// The mock serves under any base path, so only these assertions prove that the SDK
// calls the real cloud's URLs (`https://api.evrim.ai/prod/token/`, not `/api/token/`).
describe('what the SDK sends, byte for byte', () => {
  it('token endpoints: POST JSON to {url}/token/, /token/refresh/, /token/verify/ without a bearer', async () => {
    const w = recordingWorld();
    const client = await Evrim.create(w.options({ fetch: w.fetch }));
    const session = client.manager.peek();
    await client.refreshToken();
    await client.validateToken();
    const [login, refresh, verify] = w.sent;
    expect(login).toEqual({
      method: 'POST',
      url: `${BASE_URL}/token/`,
      contentType: 'application/json',
      authorization: null,
      body: JSON.stringify({ username: 'demo', password: 'demo-password' }),
    });
    expect(refresh).toEqual({
      method: 'POST',
      url: `${BASE_URL}/token/refresh/`,
      contentType: 'application/json',
      authorization: null,
      body: JSON.stringify({ refresh: session?.refreshToken }),
    });
    expect(verify).toEqual({
      method: 'POST',
      url: `${BASE_URL}/token/verify/`,
      contentType: 'application/json',
      authorization: null,
      body: JSON.stringify({ token: client.manager.peek()?.accessToken }),
    });
  });

  it('data calls: the documented paths with trailing slashes, Bearer access token, no body on GET', async () => {
    const w = recordingWorld();
    const client = await Evrim.create(w.options({ fetch: w.fetch }));
    const bearer = `Bearer ${client.manager.peek()?.accessToken}`;
    w.sent.length = 0;
    const task = await client.submitResearch({ url: 'https://trssllc.com' });
    await client.reports();
    await client.report(1);
    await client.runs();
    await client.run(1);
    await client.tasks();
    await client.task(task.task_id);
    await client.sections();
    await client.section(1);
    await client.paragraphs();
    await client.paragraph(1);
    await client.generatePdf(1);
    await client.generateDocx(1);
    expect(w.sent.map((s) => `${s.method} ${s.url}`)).toEqual([
      `POST ${BASE_URL}/research/`,
      `GET ${BASE_URL}/reports/`,
      `GET ${BASE_URL}/reports/1/`,
      `GET ${BASE_URL}/runs/`,
      `GET ${BASE_URL}/runs/1/`,
      `GET ${BASE_URL}/tasks/`,
      `GET ${BASE_URL}/tasks/${task.task_id}/`,
      `GET ${BASE_URL}/sections/`,
      `GET ${BASE_URL}/sections/1/`,
      `GET ${BASE_URL}/paragraphs/`,
      `GET ${BASE_URL}/paragraphs/1/`,
      `GET ${BASE_URL}/generate/1/pdf/`,
      `GET ${BASE_URL}/generate/1/docx/`,
    ]);
    for (const s of w.sent) expect(s.authorization).toBe(bearer);
    for (const s of w.sent.slice(1)) expect(s.body).toBe('');
    // The recorded research request, field for field and in the upstream client's order.
    expect(w.sent[0]?.contentType).toBe('application/json');
    expect(w.sent[0]?.body).toBe(
      JSON.stringify({
        url: 'https://trssllc.com',
        title: 'Company Research',
        description: 'Evrim Insights',
        style: 'NARRATIVE',
        tone: 'ANALYTICAL',
        point_of_view: 'THIRD_PERSON',
      }),
    );
    expect(w.cloud.counts.redirects).toBe(0);
  });
});
