/**
 * The viewer's one HTTP client against a stand-in fetch: what it sends (same-origin
 * credentials, JSON), and how each failure comes back (ArchiveError with status, code
 * and message; an abort as the abort itself).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ArchiveError, requestJson, requestParsed } from '../../../src/viewer/api/http-client.ts';

function stubFetch(answer: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return answer(url, init);
    }),
  );
  return calls;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function failure(promise: Promise<unknown>): Promise<ArchiveError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ArchiveError);
  return error as ArchiveError;
}

describe('requestJson', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends same-origin credentials and JSON, and parses the answer', async () => {
    const calls = stubFetch(() => json({ ok: 1 }));
    await expect(requestJson('/api/session', { method: 'POST', json: { name: 'a' } })).resolves.toEqual({ ok: 1 });
    const { url, init } = calls[0]!;
    expect(url).toBe('/api/session');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"name":"a"}', headers: { accept: 'application/json', 'content-type': 'application/json' } });
    await requestJson('/api/grades', { baseUrl: 'http://archive.test' });
    expect(calls[1]!.url).toBe('http://archive.test/api/grades');
    expect(calls[1]!.init.body).toBeUndefined();
    expect((calls[1]!.init.headers as Record<string, string>)['content-type']).toBeUndefined();
  });

  it("keeps the server's error code and message, and the status", async () => {
    stubFetch(() => json({ error: 'stale_version', message: '版本已过期 / stale version' }, 409));
    const e = await failure(requestJson('/api/buildings/YZ-00001/inspections'));
    expect([e.status, e.code, e.message, e.unavailable]).toEqual([409, 'stale_version', '版本已过期 / stale version', false]);
  });

  it('says HTTP status (both languages) when the error body is not JSON, and counts 5xx as unavailable', async () => {
    stubFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const e = await failure(requestJson('/api/grades'));
    expect([e.status, e.code, e.unavailable]).toEqual([502, 'http', true]);
    expect(e.message).toMatch(/请求失败 .*HTTP 502/);
  });

  it('calls a 2xx answer that is not JSON "not_json" (a server without the archive answers with HTML)', async () => {
    stubFetch(() => new Response('<!doctype html><title>viewer</title>', { status: 200 }));
    const e = await failure(requestJson('/api/buildings'));
    expect([e.status, e.code, e.unavailable]).toEqual([502, 'not_json', true]);
    // The parse error says where: a tour file's problem list shows it.
    expect(e.cause).toBeInstanceOf(SyntaxError);
    expect(e.message).toContain((e.cause as SyntaxError).message);
  });

  it('calls an injected fetch instead of the global one', async () => {
    const global = stubFetch(() => json({ from: 'global' }));
    const injected = vi.fn(async () => json({ from: 'injected' }));
    await expect(requestJson('/api/stats', { fetch: injected as unknown as typeof fetch })).resolves.toEqual({ from: 'injected' });
    expect(injected).toHaveBeenCalledTimes(1);
    expect(injected.mock.calls[0]).toMatchObject(['/api/stats', { credentials: 'same-origin' }]);
    expect(global).toEqual([]);
  });

  it('turns a network failure into status 0 ("unavailable"), but lets an abort through as itself', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const e = await failure(requestJson('/api/grades'));
    expect([e.status, e.code, e.unavailable]).toEqual([0, 'network', true]);
    expect(e.message).toContain('Failed to fetch');

    const abort = new AbortController();
    abort.abort();
    const aborted = new DOMException('aborted', 'AbortError');
    stubFetch(() => Promise.reject(aborted));
    await expect(requestJson('/api/grades', { signal: abort.signal })).rejects.toBe(aborted);
  });
});

describe('requestParsed', () => {
  afterEach(() => vi.unstubAllGlobals());
  const Schema = z.object({ version: z.number(), items: z.array(z.object({ code: z.string() })) });

  it("returns the schema's output (unknown keys dropped)", async () => {
    stubFetch(() => json({ version: 3, items: [{ code: 'YZ-1', extra: true }], more: 1 }));
    await expect(requestParsed('/api/x', Schema)).resolves.toEqual({ version: 3, items: [{ code: 'YZ-1' }] });
  });

  it('rejects a body of another shape as bad_response (502), naming the first wrong field', async () => {
    stubFetch(() => json({ version: 3, items: [{ code: 7 }] }));
    const e = await failure(requestParsed('/api/x', Schema));
    expect([e.status, e.code, e.unavailable]).toEqual([502, 'bad_response', true]);
    expect(e.message).toMatch(/返回的数据格式不对 .*\/api\/x.*items\.0\.code/);
    expect(e.cause).toBeInstanceOf(z.ZodError);
  });

  it("still reports requestJson's failures as they are", async () => {
    stubFetch(() => json({ error: 'not_found', message: 'no' }, 404));
    const e = await failure(requestParsed('/api/x', Schema));
    expect([e.status, e.code]).toEqual([404, 'not_found']);
  });
});
