/**
 * Learning-rate suggestions from a loss-against-rate curve (fastai's valley, slide, minimum and steep rules, and
 * cyclical bounds). Pure arithmetic on arrays, with no TensorFlow: the same code serves a range test that just ran
 * and {@code lrlab suggest} on any CSV curve.
 */
package dev.lrlab.suggest;
