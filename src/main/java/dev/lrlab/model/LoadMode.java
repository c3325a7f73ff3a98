package dev.lrlab.model;

/** Which graph {@link SavedModel#load(java.nio.file.Path, LoadMode)} prepares for training. */
public enum LoadMode {
    /**
     * TF1 graphs as loaded; TF2 models with the function calls behind their signatures inlined. Keras
     * models run in inference mode: Dropout off, BatchNormalization on its moving statistics.
     */
    INFERENCE,
    /**
     * Like {@link #INFERENCE}, and for each signature of a Keras model a call of its training-mode
     * function (Dropout active, BatchNormalization on batch statistics updating its moving averages,
     * regularization losses returned), with a call of each Keras weight penalty, is added and inlined;
     * training goes through it, validation through the inference-mode signature. Fails for models without
     * such a function.
     */
    TRAINING,
    /**
     * The graph exactly as TensorFlow loaded it, nothing inlined: for driving a model's own training-step
     * signature when its functions cannot be inlined. lrlab cannot differentiate through TF2 function calls
     * in this mode.
     */
    AS_SAVED
}
