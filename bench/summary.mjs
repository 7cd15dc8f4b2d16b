// The committed summary of a `make bench` run (bench/results.json): per throttling method and
// page the medians of ours and the limit and their ratios, the time to interactive, the bytes
// against the floor, and every target with its status. Everything else a run measures (every
// Lighthouse run and request, every file's size, twiggy's items) is in the full results
// (target/bench/results-full.json, not committed).

/** The interactive runs without what only explains a failure, unless the run failed. */
const interactiveRun = ({ ok, ms, firstVisibleAt, clickDeliveredAt, attempts, hydratedAt, error, final }) => ({
  ok,
  ms,
  firstVisibleAt,
  clickDeliveredAt,
  attempts,
  hydratedAt,
  ...(ok ? {} : { error, final }),
});

/** `full`: the full results, as bench/run.mjs writes them. */
export function resultsSummary(full, fullPath) {
  const { generatedAt, durationSeconds, git, dist, machine, settings, interactive, longTasks, bytes, firstLoad, sizes, twiggy, scale, targets } = full;
  return {
    generatedAt,
    durationSeconds,
    full: fullPath,
    git,
    dist,
    machine,
    settings,
    lighthouse: Object.fromEntries(
      Object.entries(full.lighthouse).map(([mode, { environment, benchmarkIndex, pages }]) => [
        mode,
        {
          lighthouseVersion: environment?.lighthouseVersion ?? null,
          formFactor: environment?.formFactor ?? null,
          benchmarkIndex,
          pages: pages.map(({ route, path, median, ratio }) => ({ route, path, ratio, median })),
        },
      ]),
    ),
    interactive: { how: interactive.how, median: interactive.median, failed: interactive.failed, runs: interactive.runs.map(interactiveRun) },
    longTasks: longTasks && {
      how: longTasks.how,
      // Per page: the longest task (median and spread over loads), per phase, and each
      // load's tasks over 50 ms as duration and phase; the clicks' Event Timing durations.
      pages: longTasks.pages.map(({ route, limit, url, longest, byPhase, tasksAfterReadyPlusGrace, interactions, runs }) => ({
        route,
        limit,
        path: new URL(url).pathname,
        longest,
        byPhase,
        tasksAfterReadyPlusGrace,
        interactions,
        runs: runs.map((r) => r.tasks.map((t) => `${Math.round(t.duration)} ${t.phase}`)),
      })),
    },
    bytes,
    firstLoad,
    sizes: { totals: sizes.totals, cssGzip: sizes.cssGzip, articleHtmlGzip: sizes.articleHtmlGzip },
    wasmByCrate: twiggy.shippedNamed?.byCrate?.slice(0, 10) ?? null,
    scale,
    targets,
  };
}
