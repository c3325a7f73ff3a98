package dev.lrlab.model;

/** How a variable is stored in the graph. */
public enum VariableKind {
    /** A TF1 reference variable ({@code VariableV2}); read through its output, updated with {@code Assign}. */
    VARIABLE_V2,
    /** A resource variable ({@code VarHandleOp}); read with {@code ReadVariableOp}, updated with {@code AssignVariableOp}. */
    RESOURCE
}
