// Prints the end-to-end totals, overall and per Playwright project, from a JSON report, with
// the run's duration and the tests marked as known failures (`test.fail`), which pass only
// while they fail. Usage: node tools/e2e-summary.mjs test-results/e2e.json (the English run)
// or test-results/e2e-es.json (the Spanish run, E2E_LANGUAGE=es: "e2e (es)").
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const file = process.argv[2] ?? 'test-results/e2e.json';
const report = JSON.parse(readFileSync(file, 'utf8'));
const language = basename(file).match(/^e2e-(\w+)\.json$/)?.[1];
const projects = new Map();
const knownFailures = [];
const visit = (suite) => {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests) {
      const counts = projects.get(t.projectName) ?? { expected: 0, unexpected: 0, flaky: 0, skipped: 0 };
      counts[t.status] += 1;
      projects.set(t.projectName, counts);
      const fail = (t.annotations ?? []).find((a) => a.type === 'fail');
      if (fail) knownFailures.push(`[${t.projectName}] ${spec.title}: ${fail.description ?? 'expected to fail'}`);
    }
  }
  for (const child of suite.suites ?? []) visit(child);
};
for (const suite of report.suites) visit(suite);

const line = (c) => `${c.expected} passed, ${c.unexpected + c.flaky} failed, ${c.skipped} skipped`;
const minutes = (ms) => `${Math.floor(ms / 60_000)}m${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}s`;
console.log(`e2e${language ? ` (${language})` : ''}: ${line(report.stats)} in ${minutes(report.stats.duration)}`);
for (const [name, counts] of projects) console.log(`  ${name}: ${line(counts)}`);
for (const known of knownFailures) console.log(`  known failure: ${known}`);
