/** Help text shared by commands: the exit-code table of CLI.md. */

/** The exit codes, as every command's `--help` lists them. */
export const EXIT_CODES_HELP = `Exit codes:
  0  success                      5  timed out, or a write's outcome is unknown
  1  unexpected internal error    6  rejected by the cluster
  2  usage error                  7  data integrity failure
  3  no leader / not leader       8  unhealthy
  4  no endpoint could be connected`;
