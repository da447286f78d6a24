#!/usr/bin/env -S node --max-semi-space-size=2
// --max-semi-space-size=2: a small young generation. Polling allocates a lot
// that dies at once (response bodies, parsed pages); by default V8 lets the
// young generation grow to 128 MB for that, and keeps it. With 10,000 pods
// and 10,000 sandboxes this measured about 195 MB resident instead of about
// 305 MB, for about 1% of a core more garbage collection (README
// "Performance"). `npm start` and the benchmark pass the same flags.
import '../dist/cli.js';
