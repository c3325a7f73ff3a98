package dev.lrlab.model;

import dev.lrlab.LrlabException;
import dev.lrlab.model.inline.KerasTrainingCalls;
import dev.lrlab.model.inline.LearningPhaseRewrite;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code lrlab inspect} reports: the model's kind, its signatures with inputs and outputs, its
 * variables, and for each signature output the trainable variables behind it and whether lrlab can train
 * through it.
 *
 * @param path model folder
 * @param kind TF1 graph or TF2 functions
 * @param graphUsed which graph training uses (as loaded, or inlined)
 * @param kerasTrainingMode whether the Keras training-mode call is in use, available, or absent
 * @param signatures every signature
 * @param variables every variable
 */
public record ModelDescription(String path, ModelKind kind, String graphUsed, String kerasTrainingMode,
        List<SignatureDescription> signatures, List<VariableSpec> variables) {

    /**
     * @param key signature key
     * @param method method name
     * @param inputs its inputs
     * @param outputs its outputs, each with what trains it
     * @param modelLoss empty, or how to use the signature as the model's own loss or training step, when it returns a
     *     {@code loss} output: {@code --loss-signature KEY}, or {@code --train-signature KEY --lr-input NAME} when it
     *     also takes a float scalar input
     * @param inputColumns for each input key, the data columns it reads (empty until {@link #withInputColumns})
     */
    public record SignatureDescription(String key, String method, List<TensorSpec> inputs, List<OutputDescription> outputs,
            String modelLoss, java.util.Map<String, String> inputColumns) {
    }

    /**
     * @param columns for each signature key, for each input key, the data columns it reads
     * @return this description with those columns, shown under each input
     */
    public ModelDescription withInputColumns(java.util.Map<String, java.util.Map<String, String>> columns) {
        List<SignatureDescription> described = signatures.stream().map(s -> new SignatureDescription(s.key(), s.method(),
                s.inputs(), s.outputs(), s.modelLoss(), columns.getOrDefault(s.key(), java.util.Map.of()))).toList();
        return new ModelDescription(path, kind, graphUsed, kerasTrainingMode, described, variables);
    }

    /**
     * @param output the output
     * @param trainableVariables trainable variables it depends on
     * @param trainable whether lrlab can train through it
     * @param blocker why not, when it cannot (an op without gradient, nothing trainable, a non-float output)
     */
    public record OutputDescription(TensorSpec output, List<String> trainableVariables, boolean trainable, String blocker) {
    }

    /**
     * @param model a loaded model
     * @return its description
     */
    public static ModelDescription of(SavedModel model) {
        List<SignatureDescription> signatures = new ArrayList<>();
        for (SignatureSpec signature : model.signatures()) {
            signatures.add(signature(model, signature));
        }
        String graphUsed = graphUsed(model) + unrolled(model);
        String keras;
        boolean learningPhase = model.kind() == ModelKind.TF1_GRAPH
                && LearningPhaseRewrite.applies(model.metaGraphDef().getGraphDef());
        if (model.loadMode() == LoadMode.TRAINING) {
            keras = "in use";
        } else if (learningPhase) {
            keras = "available (`trainingMode`: the TF1 learning phase set to training)";
        } else if (model.kind() == ModelKind.TF2_FUNCTIONS && KerasTrainingCalls.available(model.metaGraphDef())) {
            keras = "available (`trainingMode`)";
        } else if (model.kind() == ModelKind.TF2_FUNCTIONS && KerasTrainingCalls.isKeras3Export(model.metaGraphDef())) {
            keras = "not available (a Keras 3 export holds no training-mode function; "
                    + KerasTrainingCalls.KERAS3_TRAINING_HINT + ")";
        } else {
            keras = "not available (no Keras training-mode function in the model)";
        }
        return new ModelDescription(model.directory().toString(), model.kind(), graphUsed, keras, signatures,
                model.variables());
    }

    /**
     * Describes one signature, each output checked the way training checks it (see {@link #of}).
     *
     * @param model a loaded model
     * @param signature one of its signatures
     * @return its description
     */
    public static SignatureDescription signature(SavedModel model, SignatureSpec signature) {
        List<OutputDescription> outputs = new ArrayList<>();
        for (TensorSpec output : signature.outputs()) {
            List<VariableSpec> trainable = model.trainableVariablesFor(List.of(output.tensorName()));
            String blocker = blocker(model, signature, output, trainable);
            outputs.add(new OutputDescription(output, trainable.stream().map(VariableSpec::name).toList(),
                    blocker.isEmpty(), blocker));
        }
        return new SignatureDescription(signature.key(), signature.methodName(), signature.inputs(), outputs,
                modelLoss(signature), java.util.Map.of());
    }

    private static String modelLoss(SignatureSpec signature) {
        boolean returnsLoss = signature.outputs().stream().anyMatch(o -> SignatureLoss.LOSS_KEYS.contains(o.key()));
        if (!returnsLoss) {
            return "";
        }
        return signature.inputs().stream()
                .filter(i -> i.dtype().equals("FLOAT") && i.shape() != null && i.shape().length == 0).findFirst()
                .map(rate -> "`trainSignature` " + signature.key() + " `lrInput` " + rate.key()
                        + " (if it applies its own update)")
                .orElse("`lossSignature` " + signature.key());
    }

    /** {@code "; trains by unrolling 5 steps (1 loop)"}, or why a loop is not unrolled; empty without loops. */
    private static String unrolled(SavedModel model) {
        dev.lrlab.model.inline.LoopUnrolling.Result unrolling = model.unrolling();
        if (unrolling.refusal().isPresent()) {
            return "; its recurrent loops are not unrolled: " + unrolling.refusal().get();
        }
        return unrollingPhrase(model).map(phrase -> "; " + phrase).orElse("");
    }

    /**
     * The phrase {@code inspect} and the run logs share about unrolled recurrent layers.
     *
     * @param model a loaded model
     * @return {@code "trains by unrolling 5 steps (1 loop of recurrent layers)"} (several lengths comma-separated),
     *     or empty when no loop was unrolled
     */
    public static java.util.Optional<String> unrollingPhrase(SavedModel model) {
        dev.lrlab.model.inline.LoopUnrolling.Result unrolling = model.unrolling();
        if (unrolling.loops().isEmpty()) {
            return java.util.Optional.empty();
        }
        java.util.Set<Integer> steps = new java.util.TreeSet<>();
        unrolling.loops().forEach(loop -> steps.add(loop.steps()));
        String counts = steps.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        int loops = unrolling.loops().size();
        return java.util.Optional.of("trains by unrolling " + counts + " steps (" + loops
                + (loops == 1 ? " loop" : " loops") + " of recurrent layers)");
    }

    private static String graphUsed(SavedModel model) {
        if (model.kind() == ModelKind.TF1_GRAPH) {
            if (model.loadMode() == LoadMode.AS_SAVED
                    || !LearningPhaseRewrite.applies(model.metaGraphDef().getGraphDef())) {
                return "the graph as loaded";
            }
            return model.loadMode() == LoadMode.TRAINING
                    ? "the graph with its Keras learning phase set to training (Dropout active, BatchNorm batch "
                            + "statistics, moving averages not updated), for training and validation alike"
                    : "the graph with its Keras learning phase set to inference (Dropout off, BatchNorm moving "
                            + "statistics; `trainingMode` switches)";
        }
        return switch (model.loadMode()) {
            case INFERENCE -> "the graph with its function calls inlined (Keras inference mode: Dropout off, "
                    + "BatchNorm moving statistics; `trainingMode` switches)";
            case TRAINING -> "the graph with its function calls inlined, training through the Keras training-mode "
                    + "call (Dropout active, BatchNorm batch statistics updating its moving averages, regularization "
                    + "losses added); validation in inference mode";
            case AS_SAVED -> "the graph as saved, function calls not inlined (for `trainSignature`)";
        };
    }

    /**
     * The analysis training runs ({@link GradientBuilder#blocker}, the static look and a trial {@code addGradients}),
     * on the tensors training builds its loss on ({@link SavedModel#trainingPath}), with respect to the variable
     * reads training differentiates.
     */
    private static String blocker(SavedModel model, SignatureSpec signature, TensorSpec output, List<VariableSpec> trainable) {
        if (!output.dtype().equals("FLOAT") && !output.dtype().equals("DOUBLE") && !output.dtype().equals("HALF")) {
            return "output is " + output.dtype() + ", not a float";
        }
        if (model.kind() == ModelKind.TF2_FUNCTIONS && model.loadMode() == LoadMode.AS_SAVED) {
            return "function calls are not inlined in this mode; only a train signature can be driven";
        }
        java.util.Optional<String> refusal = model.unrollRefusalFor(output.tensorName());
        if (refusal.isPresent()) {
            return refusal.get();
        }
        List<String> losses;
        try {
            losses = model.trainingPath(signature, output).lossInputs();
        } catch (LrlabException e) {
            return e.getMessage();
        }
        List<VariableSpec> variables = losses.equals(List.of(output.tensorName())) ? trainable
                : model.trainableVariablesFor(losses);
        if (variables.isEmpty()) {
            return "no trainable variable behind this output";
        }
        List<String> from = new ArrayList<>();
        List<String> xs = new ArrayList<>();
        var onPath = model.dataAncestors(losses);
        for (VariableSpec variable : variables) {
            if (!variable.dtype().equals("FLOAT")) {
                return "variable " + variable.name() + " has dtype " + variable.dtype() + "; lrlab trains float32 "
                        + "variables only";
            }
            from.add(variable.name()); // the handle: it also reaches the loss through loops that capture it
            for (var x : ModelVariable.bind(model.graph(), variable, onPath).differentiable()) {
                xs.add(x.op().name() + ":" + x.index());
            }
        }
        if (xs.isEmpty()) {
            return "no trainable variable is read on the way to this output";
        }
        return GradientBuilder.blocker(model.graphDef(), losses, from, xs).map(GradientBuilder.Blocker::inspectText)
                .orElse("");
    }

    /** @return the human-readable report */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append("model: ").append(path).append('\n');
        text.append("kind: ").append(kind == ModelKind.TF1_GRAPH ? "TF1 graph" : "TF2 functions").append('\n');
        text.append("training uses: ").append(graphUsed).append('\n');
        text.append("keras training mode: ").append(kerasTrainingMode).append("\n\n");
        for (SignatureDescription signature : signatures) {
            text.append("signature ").append(signature.key()).append(" (").append(signature.method()).append(")\n");
            for (TensorSpec input : signature.inputs()) {
                text.append(String.format("  input  %-20s %-8s %-14s %s%n", input.key(), input.dtype(), input.shapeText(),
                        input.tensorName()));
                String columns = signature.inputColumns().get(input.key());
                if (columns != null) {
                    text.append("         reads: ").append(columns).append('\n');
                }
            }
            for (OutputDescription output : signature.outputs()) {
                TensorSpec spec = output.output();
                text.append(String.format("  output %-20s %-8s %-14s %s%n", spec.key(), spec.dtype(), spec.shapeText(),
                        spec.tensorName()));
                if (output.trainable()) {
                    text.append("         trainable: ").append(output.trainableVariables().size()).append(" variables (")
                            .append(String.join(", ", output.trainableVariables())).append(")\n");
                } else {
                    text.append("         not trainable: ").append(output.blocker()).append('\n');
                }
            }
            if (!signature.modelLoss().isEmpty()) {
                text.append("  returns a loss: train with ").append(signature.modelLoss()).append('\n');
            }
            text.append('\n');
        }
        text.append("variables:\n");
        for (VariableSpec variable : variables) {
            text.append(String.format("  %-40s %-8s %-14s %-11s %s%n", variable.name(), variable.dtype(), variable.shape(),
                    variable.kind() == VariableKind.VARIABLE_V2 ? "VariableV2" : "resource",
                    variable.trainable() ? "trainable" : "not trainable"));
        }
        return text.toString();
    }
}
