#!/usr/bin/env node
// --optimize-for-size: V8 grows the heap more slowly and collects sooner. A
// dashboard left open all day is idle most of the time; with 10,000 pods and
// 10,000 sandboxes it measured about 190 MB resident instead of about 290 MB
// (README "Performance"). `npm start` passes the same flag.
import '../dist/cli.js';
