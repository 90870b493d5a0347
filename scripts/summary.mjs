#!/usr/bin/env node
// Adds up the JSON reports of every runner in `npm test` and prints one closing line:
// "Summary: N passed, N failed, N skipped". Skipped tests are listed, because a skip proves nothing.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.tmp/results';
let passed = 0;
let failed = 0;
let skipped = 0;
const skips = [];
for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
  const r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  if ('numPassedTests' in r) {
    // vitest
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  } else if (r.stats) {
    // Playwright
    passed += r.stats.expected + r.stats.flaky;
    failed += r.stats.unexpected;
    skipped += r.stats.skipped;
    const walk = (s) => {
      for (const spec of s.specs ?? []) for (const t of spec.tests ?? []) if (t.status === 'skipped') skips.push(`${f}: ${spec.title}`);
      for (const c of s.suites ?? []) walk(c);
    };
    for (const s of r.suites ?? []) walk(s);
  }
}
for (const s of skips) console.log(`skipped (not coverage): ${s}`);
console.log(`Summary: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
