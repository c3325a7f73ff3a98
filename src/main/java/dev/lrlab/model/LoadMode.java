package dev.lrlab.model;

/** Which graph {@link SavedModel#load(java.nio.file.Path, LoadMode)} prepares for training. */
public enum LoadMode {
    /**
     * TF1 graphs as loaded (a Keras learning phase fixed to inference and {@code ResourceGather} rewritten, when
     * they have them); TF2 models with the function calls behind their signatures inlined. Keras models run in
     * inference mode: Dropout off, BatchNormalization on its moving statistics.
     */
    INFERENCE,
    /**
     * Like {@link #INFERENCE}, and for each signature of a Keras model a call of its training-mode
     * function (Dropout active, BatchNormalization on batch statistics updating its moving averages,
     * regularization losses returned), with a call of each Keras weight penalty, is added and inlined;
     * training goes through it, validation through the inference-mode signature. A TF1 Keras graph has its
     * learning phase fixed to training in the whole graph, validation included (moving averages are not
     * updated). Fails for models with neither.
     */
    TRAINING,
    /**
     * The graph exactly as TensorFlow loaded it, nothing inlined: for driving a model's own training-step
     * signature when its functions cannot be inlined. lrlab cannot differentiate through TF2 function calls
     * in this mode.
     */
    AS_SAVED
}
