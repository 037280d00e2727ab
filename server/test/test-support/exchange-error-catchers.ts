import { ExchangeError } from '../../src/exchanges/exchange-error.ts';

/** The ExchangeError `run` throws; any other outcome fails the test. */
export function caught(run: () => unknown): ExchangeError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExchangeError) return error;
    throw error;
  }
  throw new Error('expected an ExchangeError');
}

/** The ExchangeError `promise` rejects with; any other outcome fails the test. */
export async function rejection(promise: Promise<unknown>): Promise<ExchangeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExchangeError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
