import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useUrlSearchValue, writeUrlSearch } from './url-search-store.ts';

const readView = (search: string) => new URLSearchParams(search).get('view');

afterEach(() => window.history.replaceState(null, '', '/'));

describe(useUrlSearchValue.name, () => {
  it('re-renders when the value it reads changes, not when another parameter does', () => {
    let renders = 0;
    const { result } = renderHook(() => {
      renders += 1;
      return useUrlSearchValue(readView);
    });
    const rendersAtStart = renders;

    act(() => writeUrlSearch(new URLSearchParams({ q: 'bot' }), 'replace'));
    act(() => writeUrlSearch(new URLSearchParams({ q: 'bot 2' }), 'replace'));
    expect(renders).toBe(rendersAtStart);

    act(() => writeUrlSearch(new URLSearchParams({ view: 'activity', q: 'bot 2' }), 'push'));
    expect(result.current).toBe('activity');
    expect(renders).toBe(rendersAtStart + 1);
  });
});
