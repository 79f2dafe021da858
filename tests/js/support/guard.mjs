// Fails the test file if any promise rejection goes unhandled, wherever it happens.
import { after } from 'node:test';

const unhandled = [];
process.on('unhandledRejection', (reason) => {
  unhandled.push(reason);
});

after(() => {
  if (unhandled.length > 0) {
    throw new Error(`unhandled rejections: ${unhandled.map((reason) => String(reason?.stack ?? reason)).join('\n')}`);
  }
});

/** Lets pending promise callbacks and I/O callbacks run (setImmediate is not mocked). */
export async function settle(rounds = 5) {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
}
