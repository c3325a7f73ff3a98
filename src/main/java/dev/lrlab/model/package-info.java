/**
 * Loading and inspecting SavedModels, graph surgery (function inlining, objective, gradients), in-memory snapshot and restore of variables, and export. Works on TF1 graphs ({@code VariableV2}) and on TF2 graphs once their functions are inlined.
 */
package dev.lrlab.model;
