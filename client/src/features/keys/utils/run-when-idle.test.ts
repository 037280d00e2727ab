import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runWhenIdle } from './run-when-idle.ts';

describe(runWhenIdle.name, () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs one task per idle period, in order', () => {
    const idle: Array<() => void> = [];
    const target = { requestIdleCallback: (callback: () => void) => idle.push(callback), cancelIdleCallback: () => {}, setTimeout, clearTimeout } as never;
    const ran: string[] = [];
    runWhenIdle([() => ran.push('a'), () => ran.push('b')], target);
    expect(ran).toEqual([]);
    idle.shift()!();
    expect(ran).toEqual(['a']);
    idle.shift()!();
    expect(ran).toEqual(['a', 'b']);
    expect(idle).toEqual([]);
  });

  it('falls back to timers, and cancelling stops the tasks not yet run', () => {
    const ran: string[] = [];
    const cancel = runWhenIdle([() => ran.push('a'), () => ran.push('b')], { setTimeout, clearTimeout } as never);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(['a']);
    cancel();
    vi.advanceTimersByTime(100);
    expect(ran).toEqual(['a']);
  });
});
