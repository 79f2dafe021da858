// Checks that lwicontext writes each float as JavaScript's String(x) writes it. Run by
// tests/numbers.rs with a file of {bits, written} pairs: bits is the f64's IEEE 754 bits in hex.
import { readFileSync } from 'node:fs';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const view = new DataView(new ArrayBuffer(8));
let wrong = 0;
for (const { bits, written } of cases) {
  view.setBigUint64(0, BigInt(`0x${bits}`));
  const expected = String(view.getFloat64(0));
  if (expected !== written) {
    if (wrong < 10) console.error(`bits ${bits}: JavaScript writes ${expected}, lwicontext ${written}`);
    wrong += 1;
  }
}
console.log(`${cases.length - wrong} passed, ${wrong} failed`);
process.exit(wrong === 0 ? 0 : 1);
