#!/usr/bin/env node
// cloudtop itself, for `node bin/cloudtop.js`. The `cloudtop` command
// (bin/cloudtop) runs this file with the Node flags it runs best with.
import '../dist/cli.js';
