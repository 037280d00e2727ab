import { describe, expect, it } from 'vitest';
import { createFixedWindows, createSlidingWindows } from './rate-limit-window.ts';

describe(createFixedWindows.name, () => {
  it('opens a window with the first request and admits its quota of weight until the window ends', () => {
    const windows = createFixedWindows();
    const charge = (nowMs: number, weight: number) => windows.charge('uid', { nowMs, windowMs: 1_000, quota: 10, weight });
    expect(charge(500, 6)).toEqual({ isAllowed: true, used: 6, endsAtMs: 1_500 });
    expect(charge(900, 5)).toEqual({ isAllowed: false, used: 6, endsAtMs: 1_500 });
    expect(charge(1_499, 4)).toEqual({ isAllowed: true, used: 10, endsAtMs: 1_500 });
    expect(charge(1_500, 5)).toEqual({ isAllowed: true, used: 5, endsAtMs: 2_500 });
  });

  it('aligned to the clock, resets on its boundaries whenever the first request came', () => {
    const windows = createFixedWindows({ isAlignedToClock: true });
    const charge = (nowMs: number) => windows.charge('uid', { nowMs, windowMs: 60_000, quota: 2 });
    expect(charge(59_000)).toMatchObject({ isAllowed: true, endsAtMs: 60_000 });
    expect(charge(59_500)).toMatchObject({ isAllowed: true, used: 2 });
    expect(charge(59_999).isAllowed).toBe(false);
    expect(charge(60_000)).toEqual({ isAllowed: true, used: 1, endsAtMs: 120_000 });
  });

  it('keeps one window per id, and refuses without charging while told to', () => {
    const windows = createFixedWindows();
    expect(windows.charge('a', { nowMs: 0, windowMs: 1_000, quota: 1 }).isAllowed).toBe(true);
    expect(windows.charge('b', { nowMs: 0, windowMs: 1_000, quota: 1, isRefused: true })).toMatchObject({ isAllowed: false, used: 0 });
    expect(windows.charge('b', { nowMs: 0, windowMs: 1_000, quota: 1 }).isAllowed).toBe(true);
  });
});

describe(createSlidingWindows.name, () => {
  it('counts each admitted request for one window after it was admitted', () => {
    const windows = createSlidingWindows();
    const take = (nowMs: number) => windows.take('uid endpoint', { nowMs, windowMs: 1_000, quota: 2 });
    expect(take(0)).toEqual({ isAllowed: true, count: 1, oldestAtMs: 0 });
    expect(take(400)).toEqual({ isAllowed: true, count: 2, oldestAtMs: 0 });
    expect(take(999)).toEqual({ isAllowed: false, count: 2, oldestAtMs: 0 });
    expect(take(1_000)).toEqual({ isAllowed: true, count: 2, oldestAtMs: 400 });
  });

  it('refuses while told to, without taking a slot', () => {
    const windows = createSlidingWindows();
    expect(windows.take('x', { nowMs: 0, windowMs: 1_000, quota: 1, isRefused: true })).toEqual({ isAllowed: false, count: 0, oldestAtMs: undefined });
    expect(windows.take('x', { nowMs: 0, windowMs: 1_000, quota: 1 }).isAllowed).toBe(true);
  });
});
