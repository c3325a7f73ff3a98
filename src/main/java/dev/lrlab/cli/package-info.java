/**
 * The {@code lrlab} command line: one class per subcommand, shared options, exit codes. Nothing else imports this package.
 */
package dev.lrlab.cli;
