/**
 * The dashboard's layout: header, the active tab's table (or an overlay),
 * the events panel, a flash line and the footer. What each part shows, and
 * what keys do, is the dashboard model's (model/useDashboard.ts); this file
 * only places it.
 */
import { Box, useInput } from 'ink';
import type { ReactElement } from 'react';
import { Table } from '../views/table/Table.js';
import { ChooseDialog } from './ChooseDialog.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { DetailPane } from './DetailPane.js';
import { EventsPanel } from './EventsPanel.js';
import { FilterPrompt } from './FilterPrompt.js';
import { FlashLine } from './FlashLine.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { HelpOverlay } from './HelpOverlay.js';
import { LogsPane } from './LogsPane.js';
import type { Body } from '../dashboard/screen.js';
import { useDashboard } from '../dashboard/useDashboard.js';
import type { Dashboard, DashboardOptions } from '../dashboard/types.js';
import { PROMPT_HEIGHT } from '../model/layout.js';

export interface AppProps extends DashboardOptions {
  /** Honour NO_COLOR: statuses stay readable as text, selection stays visible. */
  monochrome?: boolean;
}

export function App({ monochrome = false, ...options }: AppProps): ReactElement {
  const dashboard = useDashboard(options);
  useInput(dashboard.onInput);
  const { width, height, bodyHeight, events, prompt } = dashboard;

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header {...dashboard.header} width={width} monochrome={monochrome} />
      <Box height={bodyHeight} flexDirection="column">
        <BodyArea dashboard={dashboard} body={dashboard.body} monochrome={monochrome} />
      </Box>
      {events.open && (
        <Box height={events.height} flexDirection="column">
          <EventsPanel
            events={events.list}
            offset={events.offset}
            selectedSeq={events.selectedSeq}
            width={width}
            height={events.height}
            monochrome={monochrome}
            keymap={dashboard.keymap}
          />
        </Box>
      )}
      {prompt ? (
        <Box height={PROMPT_HEIGHT} flexDirection="column">
          <FilterPrompt
            sign={prompt.sign}
            draft={prompt.draft}
            hint={prompt.hint}
            width={width}
            monochrome={monochrome}
          />
        </Box>
      ) : (
        <>
          <FlashLine flash={dashboard.flash} width={width} monochrome={monochrome} />
          <Footer
            mode={dashboard.mode}
            view={dashboard.view}
            width={width}
            keymap={dashboard.keymap}
            note={dashboard.footerNote}
            commands={dashboard.commands}
          />
        </>
      )}
    </Box>
  );
}

function BodyArea({
  dashboard,
  body,
  monochrome,
}: {
  dashboard: Dashboard;
  body: Body;
  monochrome: boolean;
}): ReactElement {
  const { width, bodyHeight: height, now } = dashboard;
  switch (body.type) {
    case 'help':
      return (
        <HelpOverlay
          title={body.title}
          layout={body.layout}
          width={width}
          height={height}
          offset={body.offset}
          keymap={dashboard.keymap}
        />
      );
    case 'confirm':
      return (
        <ConfirmDialog
          view={body.view}
          action={body.action}
          targets={body.targets}
          missingIds={body.missingIds}
          hiddenCount={body.hiddenCount}
          focus={body.dialog.focus}
          offset={body.dialog.offset}
          typed={body.dialog.typed}
          now={now}
          width={width}
          height={height}
          monochrome={monochrome}
        />
      );
    case 'choose':
      return (
        <ChooseDialog
          title={body.title}
          options={body.options}
          selected={body.selected}
          width={width}
          height={height}
          monochrome={monochrome}
        />
      );
    case 'logs': {
      const { pane } = body;
      return (
        <LogsPane
          title={body.title}
          lines={body.lines}
          first={body.first}
          version={body.version}
          top={pane.top}
          follow={pane.follow}
          wrap={pane.wrap}
          search={pane.search}
          match={pane.match}
          error={body.error}
          loading={body.loading}
          width={width}
          height={height}
          monochrome={monochrome}
        />
      );
    }
    case 'pane':
      return (
        <DetailPane
          title={body.title}
          entries={body.entries}
          present
          offset={body.offset}
          width={width}
          height={height}
        />
      );
    case 'detail':
      return (
        <DetailPane
          title={body.title}
          entries={body.entries}
          present={body.present}
          notice={body.notice}
          offset={body.offset}
          trend={body.trend}
          sparklines={dashboard.header.sparklines}
          width={width}
          height={height}
        />
      );
    case 'table':
      return (
        <Table
          rows={body.rows}
          columns={body.columns}
          getId={body.view.getId}
          selectedId={body.selectedId}
          width={width}
          height={height}
          sort={body.sort}
          decoration={body.decoration}
          monochrome={monochrome}
          emptyText={body.emptyText}
          contentWidth={body.contentWidth}
        />
      );
  }
}
