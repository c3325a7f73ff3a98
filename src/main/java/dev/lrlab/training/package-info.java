/**
 * Training runs with a learning-rate schedule or a hypergradient rule (SGD-HD, SGDN-HD, Adam-HD): the run, its
 * settings, its curve writer and its result, with the validation measured at each epoch.
 */
package dev.lrlab.training;
