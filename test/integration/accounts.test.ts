/**
 * `:team` and `:ctx` below the screen: the switcher a session gives, over
 * real HTTP against the simulator, with a ~/.prime of saved contexts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { parseOptions } from '../../src/config/flags.js';
import { openSession } from '../../src/cli/session.js';
import { SIM_TEAMS } from '../../src/sim/catalog.js';
import { simulatorForFile } from '../helpers/sim.js';

const sim = await simulatorForFile({ seed: 3, counts: { pods: 2, disks: 1, sandboxes: 30, nodes: 0 } });
const home = mkdtempSync(join(tmpdir(), 'cloudtop-accounts-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
mkdirSync(join(home, '.prime', 'environments'), { recursive: true, mode: 0o700 });
const research = SIM_TEAMS[0]!;
const evals = SIM_TEAMS[2]!;
writeFileSync(join(home, '.prime', 'config.json'), JSON.stringify({ api_key: sim.primeKey, base_url: sim.url }), {
  mode: 0o600,
});
writeFileSync(
  join(home, '.prime', 'environments', 'staging.json'),
  JSON.stringify({ api_key: sim.primeKey, base_url: sim.url, team_id: evals.teamId }),
  { mode: 0o600 },
);

const env = { HOME: home, PATH: process.env.PATH };
const session = await openSession(parseOptions([]), env);
afterAll(() => session.close());
const switcher = session.switcher(false);
const signal = new AbortController().signal;
const sandboxQueries = () =>
  sim.control.requests().filter((request) => request.path === '/api/v1/sandbox' && request.method === 'GET');

beforeEach(() => sim.control.clearRequests());

describe('the account switcher', () => {
  it("lists the user's teams as `prime teams list` reads them, and the saved contexts", async () => {
    const teams = await switcher.teams(signal);
    expect(teams.map((team) => team.name)).toEqual(['research', 'infra', 'evals']);
    expect(teams[0]?.teamId).toBe(research.teamId);
    expect(switcher.contexts()).toEqual(['production', 'staging']);
  });

  it('a team: the same key, the team sent where the official client sends it, and named in the header', async () => {
    const [team] = await switcher.teams(signal);
    const account = switcher.toTeam(team!);
    expect(account.source.description).toMatch(/^team research · 127\.0\.0\.1:\d+/);
    const list = await account.fetchers.sandboxes(signal, { kind: 'sandboxes', query: {} });
    expect(list.items.every((sandbox) => sandbox.teamId === research.teamId)).toBe(true);
    expect(sandboxQueries().at(-1)?.query.team_id).toEqual([research.teamId]);
    await account.wallet!(signal);
    expect(sim.control.requests().at(-1)?.query.teamId).toEqual([research.teamId]);
    // Each account is told apart by its key, so its lists are other queries.
    expect(account.key).not.toBe(switcher.toTeam(null).key);
    expect(switcher.toTeam(null).source.description).toMatch(/^personal account · /);
  });

  it('a context: what PRIME_CONTEXT=NAME would give, named in the header; an unknown one is one line', async () => {
    const account = switcher.toContext('staging');
    expect(account.source.description).toMatch(/^context staging · team cm2k8x1qv0003team000evals · /);
    await account.fetchers.sandboxes(signal, { kind: 'sandboxes', query: {} });
    expect(sandboxQueries().at(-1)?.query.team_id).toEqual([evals.teamId]);
    expect(() => switcher.toContext('nowhere')).toThrow(ConfigError);
    expect(switcher.toContext('production').source.description).toMatch(/^personal account · /);
  });
});
