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

export interface HeaderProps {
  source: SourceInfo;
  tabs: readonly TabInfo[];
  activeKind: ResourceKind;
  state: ResourceState;
  width: number;
  noun: string;
  /** The active tab's filter and what it matches, e.g. `label:eval · 12 of 40`; shown right of the tabs. */
  filterSummary?: string;
  /** The burn rate, the wallet and its runway; nothing about money when absent. */
  money?: MoneySummary;
  /** Whether the burn rate's sparkline may be drawn. */
  sparklines?: boolean;
  /** NO_COLOR: no colours; symbols and words carry the meaning. */
  monochrome?: boolean;
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

/** Columns the connection's description keeps before money gives way: enough to say which account, or how to connect. */
const DESCRIPTION_MIN = 24;

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
  paint,
}: Pick<HeaderProps, 'source' | 'state' | 'width' | 'money' | 'sparklines'> & { paint: Paint }): ReactElement {
  // Below 100 columns the time alone says it, leaving room for the money.
  const updated =
    state.updatedAt > 0 ? `${width < 100 ? '' : 'updated '}${clockTime(state.updatedAt)}` : 'not updated yet';
  const failures =
    state.polling === 'retrying' && state.consecutiveFailures > 1 ? ` (${state.consecutiveFailures})` : '';
  const status = `${POLLING_LABEL[state.polling]}${failures}`;
  const right = `${updated} · ${status} `;
  const name = ' cloudtop ';
  const badge = source.demo ? ' DEMO ' : '';
  const free = Math.max(0, width - textWidth(name) - textWidth(badge) - textWidth(right) - 2);
  const keep = Math.min(DESCRIPTION_MIN, textWidth(` ${source.description}`));
  const cost = moneyParts(money, sparklines, Math.max(0, free - keep - 3));
  const costText = joinMoney(cost);
  const room = costText ? free - textWidth(costText) - 3 : free;
  const description = pad(` ${source.description}`, room + 1, 'left');
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
  filterSummary,
  paint,
}: Pick<HeaderProps, 'tabs' | 'activeKind' | 'width' | 'filterSummary'> & { paint: Paint }): ReactElement {
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
  if (filterSummary && room > 8) {
    const summary = truncate(filterSummary, room);
    parts.push(
      <Text key="filter" color={paint('accent')}>
        {pad(summary, room, 'right')}
      </Text>,
    );
  }
  return <Text wrap="truncate">{parts}</Text>;
}

function MessageLine({
  state,
  width,
  noun,
  hint,
  paint,
}: Pick<HeaderProps, 'state' | 'width' | 'noun'> & { hint: string | undefined; paint: Paint }): ReactElement {
  if (state.error) {
    const since = state.updatedAt > 0 ? ` · showing data from ${clockTime(state.updatedAt)} (stale)` : '';
    return (
      <Text color={paint('error')} wrap="truncate">
        {truncate(`${truncate(` ✕ ${state.error.message}`, Math.max(0, width - textWidth(since)))}${since}`, width)}
      </Text>
    );
  }
  const notes: string[] = [];
  const data = state.data;
  if (data?.truncated)
    notes.push(`showing the first ${thousands(data.items.length)} of ${thousands(data.total)} ${noun}`);
  if (data && data.skipped > 0) {
    notes.push(
      data.skipped === 1
        ? `1 of the ${noun} could not be read and is not shown`
        : `${thousands(data.skipped)} ${noun} could not be read and are not shown`,
    );
  }
  if (notes.length === 0 && hint) {
    return (
      <Text dimColor wrap="truncate">
        {truncate(` ${hint}`, width)}
      </Text>
    );
  }
  return (
    <Text color={paint('warning')} wrap="truncate">
      {truncate(notes.length > 0 ? ` ! ${notes.join(' · ')}` : ' ', width)}
    </Text>
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
        paint={paint}
      />
      <TabBar
        tabs={props.tabs}
        activeKind={props.activeKind}
        width={props.width}
        filterSummary={props.filterSummary}
        paint={paint}
      />
      <MessageLine state={props.state} width={props.width} noun={props.noun} hint={props.source.hint} paint={paint} />
    </>
  );
});
