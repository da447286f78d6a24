import { main } from './main.js';

const code = await main(process.argv.slice(2));
// Exit only once everything written (the restored screen, messages) has drained;
// a stray timer from a dependency must not keep a quit dashboard alive.
process.stdout.write('', () => process.exit(code));
