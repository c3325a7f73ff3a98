package dev.lrlab.model;

import dev.lrlab.LrlabException;
import dev.lrlab.model.inline.FunctionInliner;
import dev.lrlab.model.inline.InlinedSavedModel;
import dev.lrlab.model.inline.KerasTrainingCalls;
import dev.lrlab.model.inline.TensorNames;
import dev.lrlab.model.inline.UnrollSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * The Keras training path of a TF2 model loaded in {@link LoadMode#TRAINING}: its graph is inlined with a hidden
 * training-mode call beside each serving signature ({@link KerasTrainingCalls}), and a signature's output leads to
 * the matching output of that call, with its regularization losses and the non-trainable variables it assigns (batch
 * normalization's moving averages). Owns nothing: the inlined graph is the model's.
 */
final class KerasTrainingMode {
    private static final Set<String> STATE_UPDATES = Set.of("AssignVariableOp", "AssignSubVariableOp",
            "AssignAddVariableOp");

    private final InlinedSavedModel inlined;
    private final Map<String, String> trainingSignatures;

    private KerasTrainingMode(InlinedSavedModel inlined, Map<String, String> trainingSignatures) {
        this.inlined = inlined;
        this.trainingSignatures = trainingSignatures;
    }

    /**
     * Adds the training-mode calls to the meta graph and inlines it.
     *
     * @param directory the SavedModel folder (for the checkpoint and assets)
     * @param meta the meta graph as loaded
     * @param unroll how to unroll the loops of recurrent layers
     * @param session the inlined graph's session settings (where it runs)
     * @return the training path; its {@link #inlined()} graph and session are the caller's to close
     */
    static KerasTrainingMode inline(Path directory, MetaGraphDef meta, UnrollSettings unroll, ConfigProto session) {
        KerasTrainingCalls.Added added = KerasTrainingCalls.add(meta);
        return new KerasTrainingMode(InlinedSavedModel.load(directory, added.metaGraph(),
                FunctionInliner.withRegisteredOps(), unroll, session), added.trainingSignatures());
    }

    /** @return the inlined graph and session, training-mode calls included */
    InlinedSavedModel inlined() {
        return inlined;
    }

    /**
     * @param signature a serving signature
     * @param output the output of it to train
     * @param graphDef the inlined graph
     * @param variables the model's variables
     * @return the training-mode output, its regularization losses and the non-trainable variables the call assigns
     * @throws LrlabException when the signature or output has no training-mode counterpart
     */
    TrainingPath path(SignatureSpec signature, TensorSpec output, GraphDef graphDef, List<VariableSpec> variables) {
        String hiddenKey = trainingSignatures.get(signature.key());
        if (hiddenKey == null) {
            throw LrlabException.model("signature '" + signature.key() + "' has no Keras training-mode counterpart "
                    + "(its inputs do not match the model's call); use one of " + trainingSignatures.keySet()
                    + " or drop `trainingMode`");
        }
        SignatureDef hidden = inlined.metaGraph().getSignatureDefOrThrow(hiddenKey);
        TensorInfo info = hidden.getOutputsMap().get(output.key());
        if (info == null) {
            throw LrlabException.model("output '" + output.key() + "' of signature '" + signature.key()
                    + "' has no training-mode counterpart; expected one of " + hidden.getOutputsMap().keySet());
        }
        List<String> losses = new ArrayList<>();
        new TreeMap<>(hidden.getOutputsMap()).forEach((key, tensor) -> {
            if (key.startsWith(KerasTrainingCalls.REGULARIZATION_PREFIX)) {
                losses.add(inlined.tensor(tensor.getName()));
            }
        });
        String callPrefix = TensorNames.nodeName(info.getName()) + "/";
        Set<String> assigned = new HashSet<>();
        for (NodeDef node : graphDef.getNodeList()) {
            if (node.getName().startsWith(callPrefix) && STATE_UPDATES.contains(node.getOp()) && node.getInputCount() > 0) {
                assigned.add(TensorNames.nodeName(node.getInput(0)));
            }
        }
        List<VariableSpec> state = variables.stream().filter(v -> !v.trainable() && assigned.contains(v.name())).toList();
        return new TrainingPath(inlined.tensor(info.getName()), losses, state, true);
    }
}
