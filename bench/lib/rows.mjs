// The table's rows from the scenarios' results: each figure with its budget
// and verdict, and for figures a machine's speed changes, its ratio to the
// yardstick measured in the same run (the bare Ink frame; for idle CPU the
// floor, lib/floor.ts). One function of a results map, so that `--against`
// can build the same rows for both revisions (run.mjs).

/**
 * Budgets of figures that depend on the machine's speed, as ratios to a
 * baseline measured in the same run (a bare Ink frame; `node -e 0`), so that
 * a verdict is the same on a slow machine and a fast one. Each is set from
 * the figures measured here (2 × AMD EPYC, shared; README "Performance"),
 * with room for a noisy machine: frame after a poll 1.8–2.2×, key 2.4×,
 * filter keystroke 2.5×, idle CPU 150–200 bare frames a minute, start-up
 * 5.0–5.3× `node -e 0`. Work that draws nothing (bench/lib/work.ts; once
 * the upper bounds of unit tests, which a loaded machine broke), against the
 * bare frame measured in turns with it, on 2 × Intel Xeon, shared: one poll
 * of 20,000 pods through the transition tracker 0.08–0.10× when nothing
 * changed, 1.7–2.0× when every pod changed, 1.3–1.4× when every pod left;
 * the filter alone on 10,000 rows 0.11–0.16× a keystroke; the simulator's
 * world of 20,000 pods 21–25×.
 */
export const RATIO_BUDGETS = {
  frame: 3,
  key: 3,
  filter: 4,
  idleOverFloor: 6,
  trackerUnchanged: 0.2,
  trackerAll: 3,
  filterMatch: 0.25,
  simWorld: 35,
};

/** Rows for one revision's results (scenario name → result). Each row has a `key` that names it across revisions. */
export function rowsFor(results) {
  const baseFrame = results.get('baseline')?.values?.frameMs;
  const times = (ms) => ms / baseFrame;
  const against = (ms) => `${times(ms).toFixed(times(ms) < 1 ? 2 : 1)}× bare frame`;
  const fmt = (n, digits = 1) => Number(n.toFixed(digits));

  const rows = [];
  const add = (name, figures) => {
    const result = results.get(name);
    if (!result) return;
    if (result.error) {
      rows.push({
        figure: `${name}: scenario failed`,
        setup: result.error,
        value: '',
        unit: '',
        budget: '',
        pass: false,
      });
      return;
    }
    rows.push(...(figures ? figures(result) : result.figures));
  };

  add('baseline');
  add('startup');
  add('startup-sea');
  add('bytes');
  if (results.has('frames-5000') || results.has('frames-20000')) {
    const small = results.get('frames-5000');
    const large = results.get('frames-20000');
    for (const [result, pods] of [
      [small, '5,000'],
      [large, '20,000'],
    ]) {
      if (!result) continue;
      if (result.error) {
        rows.push({
          figure: `frames (${pods} pods): scenario failed`,
          setup: result.error,
          value: '',
          unit: '',
          budget: '',
          pass: false,
        });
        continue;
      }
      const v = result.values;
      rows.push({
        figure: 'frame time after a poll with one change, p95',
        setup: `${pods} pods, 200×50`,
        value: fmt(v.p95),
        unit: 'ms',
        budget: `≤ ${RATIO_BUDGETS.frame}× bare frame`,
        pass: times(v.p95) <= RATIO_BUDGETS.frame,
        ratio: against(v.p95),
        note: `p50 ${fmt(v.p50)} ms, ${v.samples} polls; data in cache → frame written`,
      });
      rows.push({
        figure: '  poll processing: response → data in cache, p50',
        setup: `${pods} pods`,
        value: fmt(v.processP50),
        unit: 'ms',
        budget: '—',
        pass: null,
        ratio: against(v.processP50),
        note: `tracker + react-query structural sharing; fetch+parse p50 ${Math.round(v.fetchP50)} ms`,
      });
    }
    if (small?.values && large?.values) {
      const scaling = large.values.p95 / small.values.p95;
      rows.push({
        figure: 'frame time 20,000 vs 5,000 pods (windowing)',
        setup: 'p95 / p95',
        value: fmt(scaling, 2),
        unit: '×',
        budget: '≤ 1.5×',
        pass: scaling <= 1.5,
      });
    }
  }
  add('keys', (r) => [
    {
      figure: 'key press (↓) to frame written, p95',
      setup: '5,000 pods, 200×50',
      value: fmt(r.values.p95),
      unit: 'ms',
      budget: `≤ ${RATIO_BUDGETS.key}× bare frame`,
      pass: times(r.values.p95) <= RATIO_BUDGETS.key,
      ratio: against(r.values.p95),
      note: `p50 ${fmt(r.values.p50)} ms, ${r.values.samples} presses`,
    },
  ]);
  add('filter', (r) => [
    {
      figure: 'filter keystroke to frame, p95',
      setup: '10,000 sandboxes, 200×50',
      value: fmt(r.values.p95),
      unit: 'ms',
      budget: `≤ ${RATIO_BUDGETS.filter}× bare frame`,
      pass: times(r.values.p95) <= RATIO_BUDGETS.filter,
      ratio: against(r.values.p95),
      note: `p50 ${fmt(r.values.p50)} ms, ${r.values.samples} keystrokes`,
    },
  ]);
  // Work that draws nothing, against the bare frame its scenario measured in turns with it (bench/lib/work.ts).
  const ownFrame = (r, ms) => ms / r.values.frameMs;
  const ownRatio = (r, ms) => `${ownFrame(r, ms).toFixed(ownFrame(r, ms) < 1 ? 2 : 1)}× bare frame`;
  const ownFrameNote = (r) => `bare frame ${fmt(r.values.frameMs, 2)} ms (median of ${r.values.frames}, in turns)`;
  add('tracker', (r) =>
    [
      ['nothing changed', 'unchanged', RATIO_BUDGETS.trackerUnchanged, 'unchangedSamples'],
      ['every pod changed', 'changed', RATIO_BUDGETS.trackerAll, 'changeSamples'],
      ['every pod gone', 'gone', RATIO_BUDGETS.trackerAll, 'changeSamples'],
    ].map(([what, key, budget, samples]) => ({
      figure: `transitions of one poll, ${what}, p50`,
      setup: '20,000 pods, TransitionTracker.observe',
      value: fmt(r.values[key], 2),
      unit: 'ms',
      budget: `≤ ${budget}× bare frame`,
      pass: ownFrame(r, r.values[key]) <= budget,
      ratio: ownRatio(r, r.values[key]),
      note: `${r.values[samples]} polls; ${ownFrameNote(r)}`,
    })),
  );
  add('filter-match', (r) => [
    {
      figure: 'filter alone, per keystroke, p50',
      setup: '10,000 rows, 10 keystrokes (words, label:, -status:)',
      value: fmt(r.values.p50, 2),
      unit: 'ms',
      budget: `≤ ${RATIO_BUDGETS.filterMatch}× bare frame`,
      pass: ownFrame(r, r.values.p50) <= RATIO_BUDGETS.filterMatch,
      ratio: ownRatio(r, r.values.p50),
      note: `p95 ${fmt(r.values.p95, 2)} ms, ${r.values.samples} runs; ${ownFrameNote(r)}`,
    },
  ]);
  add('sim-world', (r) => [
    {
      figure: 'simulator: a world of 20,000 pods generated and listening, p50',
      setup: 'startSimulator, clock frozen',
      value: fmt(r.values.p50, 0),
      unit: 'ms',
      budget: `≤ ${RATIO_BUDGETS.simWorld}× bare frame`,
      pass: ownFrame(r, r.values.p50) <= RATIO_BUDGETS.simWorld,
      ratio: ownRatio(r, r.values.p50),
      note: `max ${fmt(r.values.max, 0)} ms, ${r.values.samples} runs (1 before left out); ${ownFrameNote(r)}`,
    },
  ]);
  add('cpu-idle', (r) =>
    r.figures.map((f) => {
      if (f.id !== 'cpu.idle') return f;
      const times = r.values.cpuPerMinute / r.values.floorPerMinute;
      return {
        ...f,
        budget: `≤ ${RATIO_BUDGETS.idleOverFloor}× floor`,
        pass: times <= RATIO_BUDGETS.idleOverFloor,
        ratio: `${fmt(times, 1)}× floor`,
      };
    }),
  );
  add('memory');
  add('memory-empty');
  add('heap');
  add('logs');
  add('requests');
  return rows.map((row) => ({ ...row, key: `${row.figure}|${row.setup}` }));
}
