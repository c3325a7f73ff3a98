/**
 * What every package shares: {@link dev.lrlab.ExitCode} (the documented exit codes), {@link dev.lrlab.LrlabException}
 * (an error a user can cause, with its exit code and one-line message), and {@link dev.lrlab.Directories} (moving a
 * finished folder into place, deleting folders). Depends on nothing else of lrlab.
 */
package dev.lrlab;
