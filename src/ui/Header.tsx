/**
 * Where the data comes from, what it costs and how fresh it is; the tab
 * bar with counts and the active tab's summary (on a line of its own when
 * it does not fit beside the tabs); and the message line(s) for errors or
 * notes (one blank line when there is nothing to say, so the layout never
 * jumps).
 */
import { usePalette, type ColourRole } from '../views/theme.js';
import { Text } from 'ink';
import { memo, type ReactElement } from 'react';
import { clockTime, dollars, perHour } from '../views/format.js';
import { sparkline } from '../views/sparkline.js';
import { describeRunway, runwayLevel } from '../billing/runway.js';
import { differsFromRate } from '../billing/billings.js';
import type { MoneySummary } from '../billing/useBilling.js';
import { pad, textWidth, truncate } from '../util/text.js';

import type { ResourceState } from '../data/queries.js';
import type { SourceInfo } from '../data/accounts.js';
import type { TabLine } from '../dashboard/tab-line.js';
import type { Message } from '../dashboard/messages.js';

export interface HeaderProps {
  source: SourceInfo;
  /** The tabs and the active tab's summary, laid out for the width (dashboard/tab-line.ts). */
  tabLine: TabLine;
  state: ResourceState;
  width: number;
  /** The burn rate, the wallet and its runway; nothing about money when absent. */
  money?: MoneySummary;
  /** Whether the burn rate's sparkline may be drawn. */
  sparklines?: boolean;
  /** NO_COLOR: no colours; symbols and words carry the meaning. */
  monochrome?: boolean;
  /** `--read-only`: a badge says nothing will be deleted. */
  readOnly?: boolean;
  /** The message line(s) under the tabs. */
  message: Message | null;
}

const POLLING_LABEL = {
  loading: 'loading…',
  live: '● live',
  paused: '❚❚ paused',
  retrying: '↻ retrying',
  refused: '✕ refused',
} as const;
const POLLING_COLOR = {
  loading: 'warning',
  live: 'success',
  paused: 'warning',
  retrying: 'error',
  refused: 'error',
} as const;

type Paint = (role: ColourRole) => string | undefined;

/** The parts of the money segment, each '' when not shown. */
interface MoneyParts {
  burn: string;
  /** What the last hour's billings came to, when it differs from the rate (billing/billings.ts). */
  billed: string;
  trend: string;
  balance: string;
  runway: string;
}

const moneyWidth = (parts: MoneyParts): number => textWidth(joinMoney(parts));
const joinMoney = ({ burn, billed, trend, balance, runway }: MoneyParts): string =>
  [[burn, billed, trend].filter(Boolean).join(' '), balance && runway ? `${balance} ${runway}` : balance || runway]
    .filter(Boolean)
    .join(' · ');

/**
 * Columns the connection's description keeps before money gives way: enough
 * to say which account. In demo mode the badge says it, and money comes first.
 */
const DESCRIPTION_MIN = 24;

/**
 * `$143.20/hr (billed $120.10 last hour) ▂▃▅▇ · $1,204.50 ≈ 8d 10h left`,
 * narrowed to fit `room` by dropping first the sparkline, then what the last
 * hour billed, then the balance, then the runway: the rate is the last to go.
 */
function moneyParts(money: MoneySummary | undefined, sparklines: boolean, room: number): MoneyParts {
  const none = { burn: '', billed: '', trend: '', balance: '', runway: '' };
  if (!money || money.burn === null) return none;
  const { billedLastHour } = money;
  const full: MoneyParts = {
    burn: perHour(money.burn),
    billed:
      billedLastHour !== null && differsFromRate(billedLastHour, money.burn)
        ? `(billed ${dollars(billedLastHour)} last hour)`
        : '',
    trend: sparklines && money.trend.length > 1 ? sparkline(money.trend, 12) : '',
    balance: money.balance === null ? '' : dollars(money.balance),
    // `!` says it without colour too (NO_COLOR).
    runway:
      money.runwayMs === null
        ? ''
        : `${runwayLevel(money.runwayMs) === 'ok' ? '' : '! '}${describeRunway(money.runwayMs)}`,
  };
  const narrower = [
    full,
    { ...full, trend: '' },
    { ...full, trend: '', billed: '' },
    { ...full, trend: '', billed: '', balance: '' },
    { ...none, burn: full.burn },
  ];
  return narrower.find((parts) => moneyWidth(parts) <= room) ?? none;
}

function Title({
  source,
  state,
  width,
  money,
  sparklines = false,
  readOnly = false,
  paint,
}: Pick<HeaderProps, 'source' | 'state' | 'width' | 'money' | 'sparklines' | 'readOnly'> & {
  paint: Paint;
}): ReactElement {
  // Below 100 columns the time alone says it, leaving room for the money.
  const updated =
    state.updatedAt > 0 ? `${width < 100 ? '' : 'updated '}${clockTime(state.updatedAt)}` : 'not updated yet';
  const failures =
    state.polling === 'retrying' && state.consecutiveFailures > 1 ? ` (${state.consecutiveFailures})` : '';
  const status = `${POLLING_LABEL[state.polling]}${failures}`;
  const right = `${updated} · ${status} `;
  const name = ' cloudtop ';
  const badge = source.demo ? ' DEMO ' : '';
  // Said where a person looks before pressing D: nothing will be deleted.
  const readOnlyBadge = readOnly ? ' READ-ONLY ' : '';
  const badges = textWidth(badge) + (readOnlyBadge ? textWidth(readOnlyBadge) + 1 : 0);
  const free = Math.max(0, width - textWidth(name) - badges - textWidth(right) - 2);
  const keep = source.demo ? 0 : Math.min(DESCRIPTION_MIN, textWidth(` ${source.description}`));
  const cost = moneyParts(money, sparklines, Math.max(0, free - keep - 3));
  const costText = joinMoney(cost);
  const room = costText ? free - textWidth(costText) - 3 : free;
  // Cut to a stub it says nothing: whole, cut to a useful length, or not at all.
  const description =
    room >= Math.min(12, textWidth(source.description))
      ? pad(` ${source.description}`, room + 1, 'left')
      : ' '.repeat(Math.max(0, room + 1));
  const level = money?.runwayMs != null ? runwayLevel(money.runwayMs) : 'ok';
  return (
    <Text wrap="truncate">
      <Text bold color={paint('accent')}>
        {name}
      </Text>
      {badge && (
        <Text inverse bold color={paint('demo')}>
          {badge}
        </Text>
      )}
      {readOnlyBadge && (
        <>
          {badge && <Text> </Text>}
          <Text inverse bold color={paint('warning')}>
            {readOnlyBadge}
          </Text>
        </>
      )}
      <Text dimColor={!source.demo}>{description}</Text>
      <Text> </Text>
      {costText && (
        <>
          <Text bold>{cost.burn}</Text>
          {cost.billed && <Text color={paint('warning')}> {cost.billed}</Text>}
          {cost.trend && <Text color={paint('accent')}> {cost.trend}</Text>}
          {(cost.balance || cost.runway) && <Text> · </Text>}
          {cost.balance && <Text>{cost.balance}</Text>}
          {cost.balance && cost.runway && <Text> </Text>}
          {cost.runway && (
            <Text
              color={paint(level === 'ok' ? 'success' : level === 'warning' ? 'warning' : 'error')}
              bold={level === 'alert'}
            >
              {cost.runway}
            </Text>
          )}
          <Text dimColor> · </Text>
        </>
      )}
      <Text dimColor>{updated} · </Text>
      <Text color={paint(POLLING_COLOR[state.polling])}>{status}</Text>
      <Text> </Text>
    </Text>
  );
}

function TabBar({ tabLine, width, paint }: { tabLine: TabLine; width: number; paint: Paint }): ReactElement {
  const parts: ReactElement[] = [];
  for (const label of tabLine.labels) {
    parts.push(
      <Text key={label.kind} inverse={label.active} bold={label.active}>
        {label.text}
      </Text>,
      <Text key={`${label.kind}-unseen`} bold color={paint('unseen')}>
        {label.unseen}
      </Text>,
      <Text key={`${label.kind}-gap`}>{label.gap}</Text>,
    );
  }
  const used = tabLine.labels.reduce((sum, label) => sum + textWidth(label.text + label.unseen + label.gap), 0);
  if (tabLine.inline) {
    parts.push(
      <Text key="summary" color={paint('accent')}>
        {pad(tabLine.inline, width - used - 1, 'right')}
      </Text>,
    );
  }
  return (
    <>
      <Text wrap="truncate">{parts}</Text>
      {tabLine.below !== null && (
        <Text color={paint('accent')} wrap="truncate">
          {pad(tabLine.below, width - 1, 'right')}
        </Text>
      )}
    </>
  );
}

/** The message, already wrapped (dashboard/messages.ts), or one blank line: the layout below it never jumps without a reason. */
function MessageLines({
  message,
  width,
  paint,
}: {
  message: Message | null;
  width: number;
  paint: Paint;
}): ReactElement {
  if (!message) return <Text> </Text>;
  const colour = message.tone === 'hint' ? undefined : paint(message.tone);
  return (
    <>
      {message.lines.map((line, index) => (
        <Text key={index} color={colour} dimColor={message.tone === 'hint'} wrap="truncate">
          {truncate(line, width) || ' '}
        </Text>
      ))}
    </>
  );
}

const noColour: Paint = () => undefined;

export const Header = memo(function Header(props: HeaderProps): ReactElement {
  const palette = usePalette();
  const paint: Paint = props.monochrome ? noColour : (role) => palette[role];
  return (
    <>
      <Title
        source={props.source}
        state={props.state}
        width={props.width}
        money={props.money}
        sparklines={props.sparklines}
        readOnly={props.readOnly}
        paint={paint}
      />
      <TabBar tabLine={props.tabLine} width={props.width} paint={paint} />
      <MessageLines message={props.message} width={props.width} paint={paint} />
    </>
  );
});
