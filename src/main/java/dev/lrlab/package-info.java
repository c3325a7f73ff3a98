/**
 * What every package shares: {@link dev.lrlab.LrlabException} (an error a user can cause, with its kind, a one-line
 * message and the settings it names by Java property), {@link dev.lrlab.Directories} (moving a
 * finished folder into place, deleting folders), and {@link dev.lrlab.Setting} and {@link dev.lrlab.SettingSource} (a
 * run setting with where it came from: option, model, inferred or default). Depends on nothing else of lrlab.
 */
package dev.lrlab;
