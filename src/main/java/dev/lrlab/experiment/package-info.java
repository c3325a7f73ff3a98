/**
 * Experiments that choose or drive a learning rate: the range test and its suggestions, hypergradient runs, coarse-to-fine search. Each takes a config record and returns a result record.
 */
package dev.lrlab.experiment;
