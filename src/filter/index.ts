/** The `/` filter: parse what was typed, match rows, and say what the servers can filter. */
export {
  EMPTY_FILTER,
  formatTerm,
  formatTerms,
  parseFilter,
  type FilterExpression,
  type ParseResult,
  type Term,
  type TermField,
} from './parse.js';
export {
  checkApplicable,
  compileFilter,
  filterFor,
  statusCanPass,
  type FilterAccessors,
  type FilterOptions,
  type FilterTarget,
} from './match.js';
export {
  passingStatuses,
  SANDBOX_STATUSES,
  serverQueryCovers,
  serverQueryFor,
  serverQueryKey,
  toNodeQuery,
  toOfferQuery,
  toSandboxQuery,
  type ServerQuery,
} from './server.js';
export { ATTRIBUTE_NAMES, ATTRIBUTES, type AttributeName, type Comparison } from './attributes.js';
export { MAX_WATCHES, WATCH_KIND, WatchBook, type PollOfRows, type WatchFiring } from './watch.js';
export { describeFilter, describeFilterParts, GONE_HIDDEN_NOTE, type FilterDescription } from './describe.js';
