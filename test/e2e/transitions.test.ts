/**
 * Every change seen the moment it happens: a status set through the
 * simulator's control interface shows as `OLD → NEW` on the row within one
 * poll, and in the events panel; a change on a hidden tab counts on its tab.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorForFile } from '../helpers/sim.js';
import { lineWith, openCloudtop } from './helpers.js';
import type { PtySession } from './pty.js';

const sim = await simulatorForFile({ seed: 11, counts: { pods: 12, disks: 4, sandboxes: 15, nodes: 6 } });
let term: PtySession | undefined;
afterEach(() => term?.kill());

type Named = { id: string; name: string | null; status: string };
const pick = (kind: 'pods' | 'sandboxes', status: string) =>
  (sim.control.list(kind) as Named[]).find(
    (r) => r.status === status && typeof r.name === 'string' && r.name.length < 22,
  ) as Named & { name: string };

describe('transitions', () => {
  it('shows a pod whose status changed as OLD → NEW, highlighted, and lists it in the events panel', async () => {
    term = openCloudtop(sim, ['--highlight', '30']);
    const pod = pick('pods', 'ACTIVE');
    await term.waitFor(pod.name, { timeoutMs: 10_000 });
    expect(lineWith(term.screen(), pod.name)).not.toContain('→');
    sim.control.setStatus('pods', pod.id, 'ERROR');
    // How soon after the poll the frame shows it is a benchmark budget (frame time after a poll with one change).
    const screen = await term.waitFor((s) => lineWith(s, pod.name).includes('ACTIVE → ERROR'), { timeoutMs: 10_000 });
    expect(lineWith(screen, pod.name)).toMatch(/^.•/);
    term.press('e');
    const withEvents = await term.waitFor(/Events/);
    expect(withEvents).toMatch(new RegExp(`pod\\s+${pod.name.replace(/[.]/g, '\\.')}\\s+ACTIVE → ERROR`));
  });

  it('counts a sandbox transition on its hidden tab, then shows it when the tab is opened', async () => {
    term = openCloudtop(sim);
    const sandbox = pick('sandboxes', 'RUNNING');
    await term.waitFor(/2 Sandboxes \d+/, { timeoutMs: 10_000 });
    await term.waitFor((s) => /3 Pods \d+/.test(s) && !/Sandboxes \d+ Δ/.test(s));
    sim.control.setStatus('sandboxes', sandbox.id, 'ERROR');
    // Hidden tabs poll three times more slowly (3 s at --interval 1).
    await term.waitFor(/2 Sandboxes \d+ Δ1/, { timeoutMs: 8000 });
    term.press('2');
    // The new status whole; the old one may give way when the columns have no room to spare.
    const screen = await term.waitFor((s) => /RUN(NING|N?…) → ERROR/.test(lineWith(s, sandbox.name)));
    expect(screen).not.toMatch(/Sandboxes \d+ Δ/);
    term.press('e');
    expect(await term.waitFor(/Events/)).toMatch(new RegExp(`sandbox\\s+${sandbox.name}\\s+RUNNING → ERROR`));
  });

  it('marks nothing on the first load', async () => {
    term = openCloudtop(sim);
    const screen = await term.waitFor(/3 Pods \d+/, { timeoutMs: 10_000 });
    await term.waitFor(/4 Nodes \d+/);
    expect(screen).not.toContain('→');
    expect(screen).not.toMatch(/Δ\d/);
  });

  it('rings the bell and sends a desktop notification with --notify when something fails', async () => {
    term = openCloudtop(sim, ['--notify']);
    const pod = pick('pods', 'ACTIVE');
    await term.waitFor(pod.name, { timeoutMs: 10_000 });
    sim.control.setStatus('pods', pod.id, 'ERROR');
    await term.waitFor((s) => lineWith(s, pod.name).includes('→ ERROR'), { timeoutMs: 10_000 });
    const raw = term.output().toString('utf8');
    expect(raw).toContain(`\u0007\u001b]9;cloudtop: pod ${pod.name} ACTIVE → ERROR\u0007`);
  });
});
