/**
 * In-graph optimizers whose learning rate (and momentum) are scalar placeholders fed at every step, and the step engine: a batch and a few scalars go in, scalars come out. No ops are built inside the step loop.
 */
package dev.lrlab.train;
