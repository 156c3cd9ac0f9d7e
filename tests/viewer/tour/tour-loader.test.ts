/**
 * Loading tour files through the viewer's HTTP client, against a stand-in fetch: the
 * shipped files load, and each way a file can fail (no answer, an HTTP status, not
 * JSON, a bad index) comes back as a problem naming the tour and the URL — or, for the
 * index, as "no tours" — instead of a thrown error.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadTour, loadTourIndex } from '../../../src/viewer/tour/tour-loader.ts';

const shipped = (file: string) => readFileSync(new URL(`../../../public/tours/${file}`, import.meta.url), 'utf8');

function stubFetch(answer: (url: string) => Response | Promise<Response>): string[] {
  const urls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      urls.push(url);
      return answer(url);
    }),
  );
  return urls;
}

const problemText = async (result: ReturnType<typeof loadTour>) => {
  const r = await result;
  expect(r.ok).toBe(false);
  if (r.ok) return '';
  expect(r.problems).toHaveLength(1);
  expect(r.problems[0]).toMatchObject({ tour: 'district-plan', step: null, field: '' });
  return r.problems[0]!.message;
};

describe('tour loader', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('loads the shipped index and tour from /tours/', async () => {
    const urls = stubFetch((url) => new Response(shipped(url.slice('/tours/'.length)), { status: 200 }));
    const index = await loadTourIndex();
    expect(index?.tours.map((t) => t.name)).toEqual(['district-plan']);
    const tour = await loadTour('district-plan');
    expect(tour.ok).toBe(true);
    expect(urls).toEqual(['/tours/index.json', '/tours/district-plan.json']);
  });

  it('reads an index that cannot be had, is not JSON or is of another shape as no tours', async () => {
    for (const answer of [
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => new Response('missing', { status: 404 }),
      () => new Response('<html>', { status: 200 }),
      () => new Response(JSON.stringify({ tours: [] }), { status: 200 }),
    ]) {
      stubFetch(answer);
      await expect(loadTourIndex()).resolves.toBeNull();
    }
  });

  it('names the file and the HTTP status, and where to put the file', async () => {
    stubFetch(() => new Response('missing', { status: 404 }));
    expect(await problemText(loadTour('district-plan'))).toBe('/tours/district-plan.json: HTTP 404 — 请检查 public/tours/ / check the file is in public/tours/ and listed in index.json');
  });

  it('says the file is not valid JSON, with the parser’s reason', async () => {
    stubFetch(() => new Response('{ "steps": [', { status: 200 }));
    const message = await problemText(loadTour('district-plan'));
    expect(message).toMatch(/^\/tours\/district-plan\.json 不是有效的 JSON \/ is not valid JSON: /);
    let reason = '';
    try {
      JSON.parse('{ "steps": [');
    } catch (error) {
      reason = (error as Error).message;
    }
    expect(message.endsWith(`: ${reason}`)).toBe(true);
  });

  it('says the file could not be fetched, with the network error', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await problemText(loadTour('district-plan'))).toBe('无法读取 /tours/district-plan.json / cannot fetch /tours/district-plan.json: Failed to fetch');
  });

  it('refuses a tour name that is not a plain file name without asking the server', async () => {
    const urls = stubFetch(() => new Response('{}', { status: 200 }));
    const r = await loadTour('../secrets');
    expect(r.ok).toBe(false);
    expect(urls).toEqual([]);
  });
});
