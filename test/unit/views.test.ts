import { describe, expect, it } from 'vitest';
import { detailEntries, MASK } from '../../src/views/detail.js';
import { age, duration, gigabytes, money, percent, thousands } from '../../src/views/format.js';
import { VIEWS } from '../../src/views/index.js';
import { shortGpuModel } from '../../src/views/nodes.js';
import { sandboxSchema } from '../../src/api/prime/schemas.js';
import { podStatus } from '../../src/views/pods.js';
import { timeLeft } from '../../src/views/sandboxes.js';
import { isEndedStatus, statusCategory } from '../../src/views/status.js';
import { renderCell } from '../../src/views/table/columns.js';
import { chooseColumns } from '../../src/model/derivations.js';
import { pod } from '../helpers/fixtures.js';

describe('status categories', () => {
  it('mean the same in every view', () => {
    for (const status of ['ACTIVE', 'RUNNING', 'AVAILABLE', 'FINISHED']) expect(statusCategory(status)).toBe('healthy');
    for (const status of ['PROVISIONING', 'PENDING', 'PREPARING', 'ASSIGNED', 'WORKING'])
      expect(statusCategory(status)).toBe('progress');
    for (const status of ['ERROR', 'OFFLINE']) expect(statusCategory(status)).toBe('failed');
    for (const status of ['TERMINATED', 'TIMEOUT', 'DELETING', 'DELETED', 'STOPPED'])
      expect(statusCategory(status)).toBe('gone');
    expect(statusCategory('HIBERNATING')).toBe('unknown');
  });
});

describe('formatting', () => {
  it('groups thousands as en-US does', () => {
    for (const value of [0, 7, 999, 1_000, 12_345, 999_999, 1_000_000, 20_000, -1_234_567, 9_007_199_254_740_991]) {
      expect(thousands(value)).toBe(value.toLocaleString('en-US'));
    }
  });

  const now = Date.parse('2026-11-23T12:00:00Z');
  it('says every age and duration one way, its two largest units, and survives bad dates', () => {
    expect(age('2026-11-23T11:59:15Z', now)).toBe('45s');
    expect(age('2026-11-23T11:01:00Z', now)).toBe('59m');
    expect(age('2026-11-23T11:00:00Z', now)).toBe('1h');
    expect(age('2026-11-22T08:00:00Z', now)).toBe('1d4h');
    expect(age('2026-11-01T12:00:00Z', now)).toBe('22d');
    expect(age('2025-11-01T12:00:00Z', now)).toBe('1y22d');
    expect(age('not a date', now)).toBe('-');
    expect(age(null, now)).toBe('-');
    // A dialog's "running for" reads as the list's AGE does.
    expect(duration('2026-11-23T09:30:00Z', now)).toBe('2h30m');
    expect(duration('2026-11-22T08:00:00Z', now)).toBe(age('2026-11-22T08:00:00Z', now));
  });
  it('formats money, sizes and percentages', () => {
    expect(money(2.5)).toBe('$2.50');
    expect(money(null)).toBe('-');
    // Sizes as the APIs give them, in GB, exactly: never rounded into TB, where 2,100 and 2,200 read alike.
    expect(gigabytes(500)).toBe('500 GB');
    expect(gigabytes(1000)).toBe('1,000 GB');
    expect(gigabytes(2100)).toBe('2,100 GB');
    expect(gigabytes(2200)).toBe('2,200 GB');
    expect(gigabytes(5000)).toBe('5,000 GB');
    expect(gigabytes(0.5)).toBe('0.5 GB');
    expect(gigabytes(1.95)).toBe('2 GB');
    expect(gigabytes(null)).toBe('-');
    expect(percent(87.4)).toBe('87%');
  });
});

describe('pod columns', () => {
  const columns = VIEWS.pods.columns({ now: Date.now() });
  const cell = (id: string, row = pod('p1')) =>
    renderCell(
      columns.find((c) => c.id === id)!,
      row,
    ).text;
  it('render GPU type × count, install progress, price and the first SSH endpoint', () => {
    expect(cell('gpu')).toBe('H100_80GB×8');
    expect(cell('install')).toBe('100%');
    expect(cell('install', pod('p2', { installationProgress: 40, installationStatus: 'ACTIVE' }))).toBe('40%');
    expect(cell('install', pod('p3', { installationFailure: 'image pull failed' }))).toBe('failed');
    expect(cell('price')).toBe('$19.92');
    expect(cell('ssh', pod('p4', { sshConnection: ['root@1.2.3.4 -p 22', null, 'root@1.2.3.5 -p 22'] }))).toBe(
      'root@1.2.3.4 -p 22 (+1)',
    );
    expect(cell('ssh', pod('p5', { sshConnection: [null] }))).toBe('-');
    expect(cell('status', pod('p6', { status: 'hibernating' }))).toBe('HIBERNATING');
  });
});

describe('detail entries', () => {
  it('flatten every field, mask secrets and neutralise escape sequences', () => {
    const entries = detailEntries({
      id: 'p1',
      jupyterPassword: 'hunter2',
      environmentVars: { HF_TOKEN: 'hf_abc', MODE: 'eval' },
      primePortMapping: [{ internal: '22', external: '22' }],
      name: 'evil\u001b]0;pwned\u0007name',
      labels: ['a', 'b'],
    });
    const byKey = Object.fromEntries(entries.map((e) => [e.key, e.value]));
    expect(byKey.jupyterPassword).toBe(MASK);
    expect(byKey['environmentVars.HF_TOKEN']).toBe(MASK);
    expect(byKey['environmentVars.MODE']).toBe('eval');
    expect(byKey['primePortMapping[0].external']).toBe('22');
    expect(byKey.labels).toBe('a, b');
    expect(byKey.name).toBe('evilname');
  });
});

describe('node GPU names', () => {
  it('keep the model and drop what the column already says', () => {
    expect(shortGpuModel('NVIDIA GeForce RTX 4090')).toBe('RTX4090');
    expect(shortGpuModel('NVIDIA H100 80GB HBM3')).toBe('H100');
    expect(shortGpuModel('NVIDIA A100-SXM4-80GB')).toBe('A100');
    expect(shortGpuModel('NVIDIA L40S')).toBe('L40S');
    expect(shortGpuModel('NVIDIA')).toBe('NVIDIA');
  });
});

describe("a sandbox's time left", () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  const sandbox = (fields: Record<string, unknown>) => sandboxSchema.parse({ id: 's', timeoutMinutes: 120, ...fields });

  it('counts from startedAt while RUNNING, as the official client does', () => {
    expect(timeLeft(sandbox({ status: 'RUNNING', startedAt: '2026-11-23T11:00:00Z' }), now)).toEqual({ text: '1h' });
    expect(timeLeft(sandbox({ status: 'RUNNING', startedAt: '2026-11-23T10:01:30Z' }), now)).toEqual({
      text: '1m',
      color: 'warning',
    });
    expect(timeLeft(sandbox({ status: 'RUNNING', startedAt: '2026-11-23T10:00:00Z' }), now)).toEqual({
      text: 'expiring',
      color: 'warning',
    });
    expect(
      timeLeft(sandbox({ status: 'RUNNING', startedAt: '2026-11-20T12:00:00Z', timeoutMinutes: 7 * 24 * 60 }), now),
    ).toEqual({ text: '4d' });
  });

  it('before it runs, shows the timeout in brackets; once ended, nothing', () => {
    for (const status of ['PENDING', 'PROVISIONING', 'PAUSED'])
      expect(timeLeft(sandbox({ status }), now)).toEqual({ text: '(2h)', dim: true });
    for (const status of ['TERMINATED', 'TIMEOUT', 'ERROR'])
      expect(timeLeft(sandbox({ status, startedAt: '2026-11-23T11:00:00Z' }), now).text).toBe('-');
    expect(timeLeft(sandbox({ status: 'RUNNING', timeoutMinutes: null }), now).text).toBe('-');
  });

  it('TIMEOUT is an ended status, hidden like TERMINATED', () => {
    expect(isEndedStatus('TIMEOUT')).toBe(true);
    expect(isEndedStatus('ERROR')).toBe(false);
  });
});

describe('pods as `prime pods status` shows them', () => {
  const pods = VIEWS.pods;
  it('is INSTALLING while ACTIVE with its installation under 100%, and the API status otherwise', () => {
    expect(podStatus(pod('a', { installationStatus: 'ACTIVE', installationProgress: 40 }))).toBe('INSTALLING');
    expect(podStatus(pod('b', { installationStatus: 'FINISHED', installationProgress: 100 }))).toBe('ACTIVE');
    // The status command's rule, not the list's: no progress is no evidence of an installation under way.
    expect(podStatus(pod('c', { installationStatus: null, installationProgress: null }))).toBe('ACTIVE');
    expect(podStatus(pod('d', { status: 'PENDING', installationProgress: 40 }))).toBe('PENDING');
    expect(podStatus(pod('e', { status: 'ERROR', installationProgress: 40 }))).toBe('ERROR');
  });

  it('shows INSTALLING in STATUS, coloured as on its way, and bills as the API status says', () => {
    const installing = pod('a', { installationStatus: 'ACTIVE', installationProgress: 40, priceHr: 3 });
    expect(pods.getStatus(installing)).toBe('INSTALLING');
    expect(statusCategory('INSTALLING')).toBe('progress');
    const status = pods.columns({ now: Date.now() }).find((column) => column.id === 'status')!;
    expect(renderCell(status, installing)).toMatchObject({ text: 'INSTALLING', color: 'progress' });
    expect(pods.burnRate?.(installing)).toBe(3);
  });
});

describe('sandboxes as `prime sandbox get` shows them', () => {
  const columns = VIEWS.sandboxes.columns({ now: Date.now() });
  it('has a REGION column, off until the config file asks for it (and in --output wide)', () => {
    expect(columns.map((column) => column.id)).toContain('region');
    expect(chooseColumns(columns, undefined).map((column) => column.id)).not.toContain('region');
    expect(chooseColumns(columns, ['name', 'region']).map((column) => column.title)).toEqual(['NAME', 'REGION']);
    expect(chooseColumns(columns, undefined, true).map((column) => column.id)).toContain('region');
  });

  it('says VM or container, its timeouts, why it ended, its exit code and its region in the detail', () => {
    const ended = sandboxSchema.parse({
      id: 'sb-9',
      name: 'eval-9',
      status: 'TERMINATED',
      vm: true,
      timeoutMinutes: 120,
      idleTimeoutMinutes: 15,
      terminationReason: 'IDLE_TIMEOUT',
      exitCode: 0,
      region: 'eu-west',
      createdAt: '2026-08-19T10:00:00Z',
    });
    const lines = Object.fromEntries(
      (VIEWS.sandboxes.summary?.(ended, { now: Date.parse('2026-08-19T12:00:00Z') }) ?? []).map((entry) => [
        entry.key,
        entry.value,
      ]),
    );
    expect(lines).toMatchObject({
      Type: 'VM',
      Timeout: '2h',
      'Idle timeout': '15m',
      'Ended because': 'IDLE_TIMEOUT',
      'Exit code': '0',
      Region: 'eu-west',
      Created: '2026-08-19 10:00:00 UTC (2h ago)',
    });
    const container = VIEWS.sandboxes.summary?.({ ...ended, vm: null, exitCode: null }, { now: 0 }) ?? [];
    expect(container.find((entry) => entry.key === 'Type')?.value).toBe('container');
    expect(container.some((entry) => entry.key === 'Exit code')).toBe(false);
  });
});
