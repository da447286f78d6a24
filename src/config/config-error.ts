/**
 * A configuration problem found before anything is drawn or sent: a bad
 * flag value, an unreadable or invalid file, an unsafe URL, a context that
 * does not exist. One line for people; cloudtop exits with status 2.
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
