/**
 * Lifelike, growing logs for pods and sandboxes, kept as a formula rather
 * than as text: line n of a resource is a pure function of the world's seed,
 * the resource's id and n, stamped at `start + n × spacing`. A log has as
 * many lines as the resource has been running at `linesPerMinute` (from its
 * start until it ended, or until now), at most LOG_MAX_LINES (the oldest
 * dropped). So a client polling a log sees new lines appended, the same seed
 * always gives the same log, and a long-running simulator keeps no log
 * memory at all: only the lines asked for are ever made.
 *
 * The lines look like what real workloads print (a boot, an install, then
 * training steps and evaluations for a pod; pip and test runs for a sandbox)
 * with ISO timestamps, level tags in colour and now and then a WARN or ERROR.
 * Every HOSTILE_EVERY lines, one line is deliberately hostile: a window
 * title change, a screen clear, a clipboard write, a bidi override, a
 * carriage return, a 3,000-character line, tabs, raw colour. A client must
 * show log text without obeying any of it.
 */
import { hashUnit } from './random.js';
import { isoMillis } from './time.js';

/** One line every two sim seconds: a followed log visibly grows. */
export const DEFAULT_LOG_LINES_PER_MINUTE = 30;
/** The most lines a log keeps; older lines are dropped, as a log service's retention would. */
export const LOG_MAX_LINES = 20_000;
/**
 * The most lines `GET /sandbox/{id}/logs` answers with: it has no `tail`,
 * and the real service's limit is not published; without one a day-old
 * sandbox would answer megabytes on every poll.
 */
export const SANDBOX_LOG_MAX_LINES = 5_000;
/** `tail` of `GET /pods/{id}/log`: the documented default is 100; the docs give no bounds, these are ours. */
export const POD_LOG_DEFAULT_TAIL = 100;
export const POD_LOG_MAX_TAIL = 10_000;
/** One hostile line in every this many. */
export const HOSTILE_EVERY = 40;
/** The long hostile line's length, timestamp included. */
export const LONG_LINE_LENGTH = 3_000;

export interface LogSpan {
  /** The world's seed: another seed, other logs. */
  seed: number;
  /** The resource's id: what makes its log its own. */
  id: string;
  /** Sim epoch ms of line 0; null while the resource has not started (no log yet). */
  startMs: number | null;
  /** When it stopped growing (the resource ended), or null while it runs. */
  endMs: number | null;
  flavour: 'pod' | 'sandbox';
  /** The last line of a log that ended in failure (what went wrong), if any. */
  finalLine?: string | null | undefined;
}

/** How many lines the log has had by `now` (before any were dropped). */
export function logLength(span: LogSpan, now: number, linesPerMinute: number): number {
  if (span.startMs === null || !(linesPerMinute > 0)) return 0;
  const until = Math.min(now, span.endMs ?? now);
  if (until < span.startMs) return 0;
  return Math.floor((until - span.startMs) / spacingOf(linesPerMinute)) + 1;
}

/** The last `count` lines of the log as of `now`, oldest first (never more than LOG_MAX_LINES). */
export function tailOfLog(span: LogSpan, now: number, count: number, linesPerMinute: number): string[] {
  const total = logLength(span, now, linesPerMinute);
  const first = Math.max(0, total - Math.min(count, LOG_MAX_LINES));
  const spacing = spacingOf(linesPerMinute);
  const key = keyOf(span.seed, span.id);
  const lines: string[] = [];
  for (let n = first; n < total; n++) {
    const at = (span.startMs ?? 0) + n * spacing;
    lines.push(
      n === total - 1 && span.finalLine
        ? `${isoMillis(Math.floor(at))} ${ERROR} ${span.finalLine}`
        : lineOf(span.flavour, key, n, at),
    );
  }
  return lines;
}

function spacingOf(linesPerMinute: number): number {
  return 60_000 / linesPerMinute;
}

/** The resource's own number, from the seed and its id (FNV-1a over the id). */
function keyOf(seed: number, id: string): number {
  let h = 0x811c9dc5 ^ (seed | 0);
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const INFO = '\u001b[32mINFO \u001b[0m';
const WARN = '\u001b[33mWARN \u001b[0m';
const ERROR = '\u001b[31mERROR\u001b[0m';

/**
 * What a client must never obey. Each is one line (no line break inside); the
 * long one is made in `hostileLine`.
 */
const HOSTILE: readonly ((stamp: string) => string)[] = [
  (stamp) => `${stamp} ${INFO} progress \u001b]0;pwned\u0007 42% (that retitled your terminal)`,
  (stamp) => `${stamp} ${WARN} \u001b[2J\u001b[Hthat cleared your screen`,
  (stamp) =>
    `${stamp} ${INFO} \u001b[1;5;31;47mbold blinking red on white\u001b[0m and \u001b[38;2;255;0;255mtrue colour\u001b[0m`,
  (stamp) => longLine(`${stamp} ${INFO} [tokenizer] batch 0 input_ids=[`),
  (stamp) => `${stamp} ${INFO} [data]\tcolumns\tsplit\tby\ttabs\t\t|`,
  (stamp) => `${stamp} ${INFO} \u001b]52;c;cm0gLXJmIH4K\u0007that wrote to your clipboard`,
  (stamp) => `${stamp} ${INFO} file \u202egnp.exe\u202c looks like a png`,
  (stamp) => `${stamp} ${INFO} overwritten\rOVERWRITTEN by a carriage return`,
  (stamp) =>
    `${stamp} ${INFO} \u009b31mC1 control introducer\u009b0m \u001b[?1049lleft the alternate screen, bell\u0007 backspace\b\b`,
];

/** A line of exactly LONG_LINE_LENGTH characters: a token list no terminal is wide enough for. */
function longLine(head: string): string {
  let line = head;
  for (let token = 128_000; line.length < LONG_LINE_LENGTH - 1; token = (token * 7 + 13) % 151_936)
    line += `${token}, `;
  return `${line.slice(0, LONG_LINE_LENGTH - 1)}]`;
}

function lineOf(flavour: LogSpan['flavour'], key: number, n: number, at: number): string {
  const stamp = isoMillis(Math.floor(at));
  const block = Math.floor(n / HOSTILE_EVERY);
  // Past the first few lines, one line of each block, at a place of the log's own.
  if (n >= 3 && n % HOSTILE_EVERY === Math.floor(hashUnit(key, block, 99) * HOSTILE_EVERY)) {
    return HOSTILE[(block + Math.floor(hashUnit(key, 98) * HOSTILE.length)) % HOSTILE.length]!(stamp);
  }
  const pick = (salt: number): number => hashUnit(key, n, salt);
  return `${stamp} ${flavour === 'pod' ? podLine(key, n, pick) : sandboxLine(key, n, pick)}`;
}

/** Mostly INFO; now and then WARN, rarely ERROR. */
function level(pick: (salt: number) => number): string {
  const roll = pick(3);
  if (roll < 0.02) return ERROR;
  if (roll < 0.08) return WARN;
  return INFO;
}

const BOOT = [
  'kernel: Linux version 6.8.0-45-generic (buildd@lcy02-amd64-075) #45-Ubuntu SMP',
  'systemd[1]: Started Journal Service.',
  'nvidia-persistenced: Started NVIDIA persistence daemon',
  "cloud-init[812]: Cloud-init v. 24.1.3 running 'modules:config'",
  'sshd[1024]: Server listening on 0.0.0.0 port 22.',
  'dockerd: API listen on /run/docker.sock',
];
const PACKAGES = [
  'numpy',
  'torch',
  'transformers',
  'datasets',
  'accelerate',
  'flash-attn',
  'vllm',
  'pytest',
  'safetensors',
  'wandb',
];

function podLine(key: number, n: number, pick: (salt: number) => number): string {
  const installEnd = BOOT.length + 10 + Math.floor(hashUnit(key, 1) * 20);
  if (n < BOOT.length) return `${INFO} ${BOOT[n]!}`;
  if (n < installEnd) {
    const pkg = PACKAGES[Math.floor(pick(5) * PACKAGES.length)]!;
    if (pick(4) < 0.5)
      return `${INFO} [install] Collecting ${pkg}==${Math.floor(pick(6) * 3)}.${Math.floor(pick(7) * 20)}.0`;
    if (pick(4) < 0.9) return `${INFO} [install] Downloading ${pkg} (${(1 + pick(8) * 800).toFixed(1)} MB)`;
    return `${WARN} [install] pip: dependency resolver backtracking on ${pkg}`;
  }
  const step = n - installEnd;
  const tag = level(pick);
  const kind = pick(4);
  if (step % 50 === 49) return `${tag} [eval] step ${step} ${JSON.stringify(metrics(pick))}`;
  if (kind < 0.6) {
    const loss = (2.5 * Math.exp(-step / 4000) + 0.3 + pick(5) * 0.05).toFixed(4);
    return `${tag} [train] step ${step} loss=${loss} lr=${(3e-4 * (1 - pick(6) * 0.1)).toExponential(2)} tokens/s=${Math.floor(90_000 + pick(7) * 20_000)}`;
  }
  if (kind < 0.72)
    return `${tag} [data] shard ${Math.floor(pick(8) * 512)}/512\tloaded\t${Math.floor(100 + pick(9) * 400)} MB`;
  if (kind < 0.82)
    return `${tag} [nccl] allreduce on rank ${Math.floor(pick(10) * 8)} took ${Math.floor(5 + pick(11) * 200)} ms`;
  if (kind < 0.9)
    return `${tag} [ckpt] saved /workspace/checkpoints/step_${step} (${(1 + pick(12) * 30).toFixed(1)} GB)`;
  if (kind < 0.96)
    return `${tag} [gpu] util ${Math.floor(60 + pick(13) * 40)}% mem ${Math.floor(40 + pick(14) * 40)}/80 GB temp ${Math.floor(55 + pick(15) * 30)}C`;
  return `${tag} [tokenizer] sample: 你好，世界 🚀 naïve café ${Math.floor(pick(16) * 1e6)}`;
}

function sandboxLine(key: number, n: number, pick: (salt: number) => number): string {
  const installEnd = 5 + Math.floor(hashUnit(key, 1) * 15);
  if (n === 0) return `${INFO} $ python -m pip install -r requirements.txt`;
  if (n < installEnd)
    return `${INFO} Collecting ${PACKAGES[Math.floor(pick(5) * PACKAGES.length)]!}==${Math.floor(pick(6) * 3)}.${Math.floor(pick(7) * 20)}.0`;
  if (n === installEnd) return `${INFO} $ python -m pytest -q && python run_env.py`;
  const tag = level(pick);
  const kind = pick(4);
  if (kind < 0.4)
    return `${tag} tests/test_task_${Math.floor(pick(8) * 400)}.py::test_case_${n} ${pick(9) < 0.92 ? 'PASSED' : '\u001b[31mFAILED\u001b[0m'}`;
  if (kind < 0.8) return `${tag} [rollout ${n}] reward=${pick(10).toFixed(3)}\tlen=${Math.floor(pick(11) * 4096)}`;
  return `${tag} [env] ${JSON.stringify(metrics(pick))}`;
}

/** A long-ish line: a JSON blob of a few hundred characters. */
function metrics(pick: (salt: number) => number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < 12; i++) out[`${['acc', 'f1', 'bleu', 'rouge'][i % 4]!}_${i}`] = Number(pick(20 + i).toFixed(5));
  return out;
}
