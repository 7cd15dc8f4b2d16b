// Prints the end-to-end totals, overall and per Playwright project, from the JSON report.
// Usage: node tools/e2e-summary.mjs test-results/e2e.json
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2] ?? 'test-results/e2e.json', 'utf8'));
const projects = new Map();
const visit = (suite) => {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests) {
      const counts = projects.get(t.projectName) ?? { expected: 0, unexpected: 0, flaky: 0, skipped: 0 };
      counts[t.status] += 1;
      projects.set(t.projectName, counts);
    }
  }
  for (const child of suite.suites ?? []) visit(child);
};
for (const suite of report.suites) visit(suite);

const line = (c) => `${c.expected} passed, ${c.unexpected + c.flaky} failed, ${c.skipped} skipped`;
console.log(`e2e: ${line(report.stats)}`);
for (const [name, counts] of projects) console.log(`  ${name}: ${line(counts)}`);
