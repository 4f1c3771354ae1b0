/**
 * Logging for `node start`: re-exports the runtime's logger interface and NDJSON formatter so
 * the command (which may import only src/cli and src/app) can hand the runtime a logger that
 * writes to stderr.
 */
export { ndjsonLogger, LOG_LEVELS, silentLogger, type LogLevel, type Logger, type LogFields } from '../runtime/logger.js';
