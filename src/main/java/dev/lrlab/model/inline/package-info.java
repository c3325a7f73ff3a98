/**
 * Function inlining for TF2 and Keras SavedModels, so that {@code Graph.addGradients} reaches their
 * resource variables.
 *
 * <p>TF2 signatures call {@code StatefulPartitionedCall}/{@code PartitionedCall} on library
 * functions that capture {@code VarHandleOp}s; the outer graph's gradient with respect to such a
 * handle is a useless {@code DT_RESOURCE}. {@link dev.lrlab.model.inline.FunctionInliner} copies
 * the function bodies into the outer graph, so the {@code ReadVariableOp}s sit there; {@link
 * dev.lrlab.model.inline.InlinedSavedModel} imports the result into a fresh graph and restores the
 * checkpoint; {@link dev.lrlab.model.inline.ModelVariables} lists the variables with their
 * trainable flag; {@link dev.lrlab.model.inline.GradientCoverage} names ops that still block
 * gradients. Two rewrites serve TF1 graphs as well: {@link
 * dev.lrlab.model.inline.LearningPhaseRewrite} fixes a TF1 Keras learning phase (the {@code
 * Switch}/{@code Merge} of its {@code tf.cond}s resolved), {@link
 * dev.lrlab.model.inline.ResourceGatherRewrite} turns {@code ResourceGather} into a read and a
 * gather. {@link dev.lrlab.model.inline.LoopUnrolling} (with {@link
 * dev.lrlab.model.inline.TensorListRewrite}) unrolls the {@code While} loops of Keras' recurrent layers
 * whose trip count is a counter below a bound fixed by the input's static shape (or by {@link
 * dev.lrlab.model.inline.UnrollSettings}' sequence length).
 *
 * <p>Training mode: the serving signatures are the inference variants ({@code training=False}: Dropout
 * off, BatchNormalization on its moving statistics). {@link dev.lrlab.model.inline.KerasTrainingCalls}
 * adds calls of the training-mode forward pass: the concrete function of the root object's {@code
 * call_and_return_all_conditional_losses} whose {@code canonicalized_input_signature} passes {@code
 * training=True}, plus one call per weight penalty listed under {@code regularization_losses}; a hidden
 * signature exposes both so that they are inlined like any other. A Keras 3 {@code model.export()} saves
 * no such function, nor does a TF1 graph (its learning phase is fixed by {@link
 * dev.lrlab.model.inline.LearningPhaseRewrite} instead).
 *
 * <p>Limits: functional control flow ({@code If}, {@code Case}, and {@code While} loops whose trip
 * count is not a counter below a bound fixed before the graph runs) is not inlined and has no C++
 * gradient; function args that are lists are refused. Only the learning phase's {@code tf.cond}s are
 * resolved in TF1 graphs; other v1 control flow ({@code Switch}/{@code Merge}, {@code Enter}/{@code
 * Exit} loops) stays and blocks gradients.
 */
package dev.lrlab.model.inline;
