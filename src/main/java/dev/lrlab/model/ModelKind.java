package dev.lrlab.model;

/** The two shapes a SavedModel graph comes in. */
public enum ModelKind {
    /** A TF1 graph: signatures name tensors of the graph itself, variables are usually {@code VariableV2}. */
    TF1_GRAPH,
    /** A TF2 graph: signatures call {@code (Stateful)PartitionedCall} on library functions; resource variables. */
    TF2_FUNCTIONS
}
