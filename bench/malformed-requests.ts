import { createFakeWorkspace } from '../server/test/test-support/fake-workspace.ts';
import { startApp } from '../server/test/test-support/start-app.ts';

/** Hostile bodies are refused without the server growing (docs/security-model.md#body-limits). */
export async function measureMalformedRequestMemory(count: number) {
  const app = await startApp(createFakeWorkspace().workspace);
  const bodies = ['{"a":', '"str"', '[]', '{"__proto__":{"x":1}}', '['.repeat(10_000), 'x'.repeat(17 * 1024)];
  global.gc?.();
  const before = process.memoryUsage().rss;
  for (let index = 0; index < count; index++) {
    await app.api('/api/vault/lock', { method: 'POST', body: bodies[index % bodies.length], headers: { 'content-type': 'application/json' } }).then((response) => response.arrayBuffer());
  }
  global.gc?.();
  const rssGrowthMb = (process.memoryUsage().rss - before) / 2 ** 20;
  const stillAnswers = (await app.api('/api/status')).status === 200;
  await app.close();
  return { rssGrowthMb, stillAnswers };
}
