#!/usr/bin/env node
// Node flags for cloudtop go on the line above (`env -S node --flag`) and in
// `npm start`; a test keeps the two the same, and the benchmark runs its
// scenarios with them. None are set: `--max-semi-space-size=2` measured
// about 215 MB resident instead of about 305 MB with 10,000 pods and 10,000
// sandboxes, but 4.2% of a core idle instead of 2.5% and slower frames
// (README "Performance").
import '../dist/cli.js';
