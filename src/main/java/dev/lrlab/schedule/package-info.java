/**
 * Pure learning-rate schedules: functions from step to rate (and momentum). Nothing here imports TensorFlow or any other lrlab package.
 */
package dev.lrlab.schedule;
