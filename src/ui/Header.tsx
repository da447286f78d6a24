/**
 * Three fixed lines: where the data comes from, what it costs and how fresh
 * it is; the tab bar with counts; and a message line for errors or notes
 * (blank when there is nothing to say, so the layout never jumps).
 */
import { usePalette, type ColourRole } from '../views/theme.js';
import { Text } from 'ink';
import { memo, type ReactElement } from 'react';
import { clockTime, dollars, perHour, thousands } from '../views/format.js';
import { sparkline } from '../views/sparkline.js';
import { describeRunway, runwayLevel } from '../billing/runway.js';
import type { MoneySummary } from '../billing/useBilling.js';
import { pad, textWidth, truncate } from '../util/text.js';
import type { ResourceKind } from '../views/resource.js';
import type { ResourceState } from '../data/queries.js';
import type { SourceInfo } from '../data/accounts.js';
import type { TabInfo } from '../dashboard/screen.js';
import type { Message } from '../dashboard/messages.js';

export interface HeaderProps {
  source: SourceInfo;
  tabs: readonly TabInfo[];
  activeKind: ResourceKind;
  state: ResourceState;
  width: number;
  noun: string;
  /** About the active tab, most important first (`/label:eval`, `12 of 40`, `$38.10/hr`…); shown right of the tabs, as many whole parts as fit. */
  summary?: readonly string[];
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
  trend: string;
  balance: string;
  runway: string;
}

const moneyWidth = (parts: MoneyParts): number => textWidth(joinMoney(parts));
const joinMoney = ({ burn, trend, balance, runway }: MoneyParts): string =>
  [trend ? `${burn} ${trend}` : burn, balance && runway ? `${balance} ${runway}` : balance || runway]
    .filter(Boolean)
    .join(' · ');

/**
 * Columns the connection's description keeps before money gives way: enough
 * to say which account. In demo mode the badge says it, and money comes first.
 */
const DESCRIPTION_MIN = 16;

/**
 * `$143.20/hr ▂▃▅▇ · $1,204.50 ≈ 8d 10h left`, narrowed to fit `room` by
 * dropping first the sparkline, then the balance, then the runway: the rate
 * is the last to go.
 */
function moneyParts(money: MoneySummary | undefined, sparklines: boolean, room: number): MoneyParts {
  const none = { burn: '', trend: '', balance: '', runway: '' };
  if (!money || money.burn === null) return none;
  const full: MoneyParts = {
    burn: perHour(money.burn),
    trend: sparklines && money.trend.length > 1 ? sparkline(money.trend, 12) : '',
    balance: money.balance === null ? '' : dollars(money.balance),
    // `!` says it without colour too (NO_COLOR).
    runway:
      money.runwayMs === null
        ? ''
        : `${runwayLevel(money.runwayMs) === 'ok' ? '' : '! '}${describeRunway(money.runwayMs)}`,
  };
  const narrower = [full, { ...full, trend: '' }, { ...full, trend: '', balance: '' }, { ...none, burn: full.burn }];
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
    room >= Math.min(12, textWidth(source.description)) ? pad(` ${source.description}`, room + 1, 'left') : ' '.repeat(Math.max(0, room + 1));
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

function TabBar({
  tabs,
  activeKind,
  width,
  summary = [],
  paint,
}: Pick<HeaderProps, 'tabs' | 'activeKind' | 'width' | 'summary'> & { paint: Paint }): ReactElement {
  let used = 0;
  const parts: ReactElement[] = [];
  tabs.forEach((tab, index) => {
    const label = ` ${index + 1} ${tab.title} ${tab.count === null ? '…' : thousands(tab.count)} `;
    const text = truncate(label, Math.max(0, width - used));
    // Δn: changes on a tab you are not looking at, so a hidden tab's news is not missed.
    const unseen =
      tab.unseen > 0 && tab.kind !== activeKind
        ? truncate(`Δ${tab.unseen} `, Math.max(0, width - used - textWidth(text)))
        : '';
    used += textWidth(text) + textWidth(unseen) + 1;
    const active = tab.kind === activeKind;
    parts.push(
      <Text key={tab.kind} inverse={active} bold={active}>
        {text}
      </Text>,
      <Text key={`${tab.kind}-unseen`} bold color={paint('unseen')}>
        {unseen}
      </Text>,
      <Text key={`${tab.kind}-gap`}> </Text>,
    );
  });
  const room = width - used - 1;
  const shown = wholeParts(summary, room);
  if (shown && room > 8) {
    parts.push(
      <Text key="filter" color={paint('accent')}>
        {pad(shown, room, 'right')}
      </Text>,
    );
  }
  return <Text wrap="truncate">{parts}</Text>;
}

/** The message, already wrapped (dashboard/messages.ts), or one blank line: the layout below it never jumps without a reason. */
function MessageLines({ message, width, paint }: { message: Message | null; width: number; paint: Paint }): ReactElement {
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

/** As many of `parts` as fit whole in `room`, joined; a figure cut in half (`$121.12/h…`) is worse than none. */
function wholeParts(parts: readonly string[], room: number): string {
  for (let count = parts.length; count > 0; count--) {
    const text = parts.slice(0, count).join(' · ');
    if (textWidth(text) <= room) return text;
  }
  return parts[0] ? truncate(parts[0], room) : '';
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
      <TabBar
        tabs={props.tabs}
        activeKind={props.activeKind}
        width={props.width}
        summary={props.summary}
        paint={paint}
      />
      <MessageLines message={props.message} width={props.width} paint={paint} />
    </>
  );
});
