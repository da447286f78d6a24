#!/usr/bin/env -S node --max-semi-space-size=16
// --max-semi-space-size=16: a smaller young generation. Polling allocates a
// lot that is dropped at once (response bodies, parsed pages), and by default
// V8 grows the young generation to 128 MB for it and keeps it. With 10,000
// pods and 10,000 sandboxes this measured about 220 MB resident instead of
// about 310 MB, with idle CPU and frame times unchanged; smaller values saved
// a little more memory for a lot more CPU (README "Performance"). `npm start`
// passes the same flags (a test checks), and so does the benchmark.
import '../dist/cli.js';
