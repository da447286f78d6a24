#!/usr/bin/env -S node --max-semi-space-size=4 --no-allocation-site-pretenuring
// Node flags (README "Performance"; `npm start` passes the same ones, a test
// checks, and so does the benchmark):
// --no-allocation-site-pretenuring: V8 otherwise learns, while the first
//   poll parses 20,000 rows, that objects made where rows are made tend to
//   survive, and allocates the short-lived ones made there straight into the
//   old generation too: it grew to 90-100 MB for 40 MB of live data, and the
//   pages stayed resident. Without it: 175-190 MB resident instead of
//   210-250 MB at 10,000 pods and 10,000 sandboxes (Node's defaults for both
//   flags: about 340 MB).
// --max-semi-space-size=4: a small young generation. By default V8 grows it
//   to 128 MB under polling and keeps it; with parsing limited to what
//   changed, collecting it more often costs no measurable CPU.
import '../dist/cli.js';
