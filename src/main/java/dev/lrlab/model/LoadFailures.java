package dev.lrlab.model;

import dev.lrlab.LrlabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.MetaGraphDef;

/**
 * Turns what goes wrong when a SavedModel is loaded into one-line errors that name the thing and the fix: a missing
 * {@code variables/} folder (which TensorFlow's loader silently skips, leaving every variable uninitialized), a
 * damaged checkpoint file, an op this TensorFlow lacks. Damage that can be seen without TensorFlow is found earlier,
 * by {@link ModelFiles}; what remains here is what only TensorFlow's loader notices (a tensor's checksum, a graph it
 * cannot import).
 */
final class LoadFailures {
    private static final Set<String> VARIABLE_OPS = Set.of("VariableV2", "Variable", "VarHandleOp");
    private static final Pattern UNREGISTERED_OP = Pattern.compile("Op type not registered '([^']+)'");
    private static final Pattern SHARD = Pattern.compile("shard (\\d+)");

    private LoadFailures() {
    }

    /**
     * @param directory the model folder
     * @param metaGraph its meta graph as loaded
     * @throws LrlabException (model) when the graph has variables whose values its saver restores from a checkpoint
     *     (every SavedModel TensorFlow writes; a graph whose init op sets its variables has no saver) and the
     *     checkpoint is absent
     */
    static void requireCheckpoint(Path directory, MetaGraphDef metaGraph) {
        boolean restores = metaGraph.hasSaverDef() && !metaGraph.getSaverDef().getRestoreOpName().isEmpty();
        if (!restores || metaGraph.getGraphDef().getNodeList().stream().noneMatch(n -> VARIABLE_OPS.contains(n.getOp()))) {
            return;
        }
        Path variables = directory.resolve("variables");
        if (!Files.isDirectory(variables)) {
            throw LrlabException.model(directory + " has no variables/ folder, which holds the model's weights "
                    + "(variables.index and variables.data-*); copy the whole SavedModel folder, variables/ included");
        }
        if (!Files.isRegularFile(variables.resolve("variables.index"))) {
            throw LrlabException.model(variables.resolve("variables.index") + " is missing, so the model's weights "
                    + "cannot be restored; copy the whole variables/ folder of the SavedModel again");
        }
    }

    /**
     * @param directory the model folder
     * @param tags the tags it was loaded with
     * @param e what TensorFlow's loader threw
     * @return the error to report: an unknown op, a damaged checkpoint file, or TensorFlow's first line
     */
    private static final Pattern NO_KERNEL = Pattern.compile("support Op '([^']+)'");

    static LrlabException of(Path directory, String[] tags, RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        Matcher op = UNREGISTERED_OP.matcher(message);
        if (op.find()) {
            return new LrlabException(LrlabException.Kind.MODEL, directory + " needs op " + op.group(1) + ", which this TensorFlow "
                    + "(the one bundled with lrlab) lacks: " + kindOfModel(op.group(1)) + "; lrlab cannot load it "
                    + "(export the trainable part, such as the Keras layers, as a SavedModel of standard ops)", e);
        }
        Optional<Path> damaged = damagedFile(directory, message);
        if (damaged.isPresent()) {
            return ModelFiles.damaged(damaged.get(), LrlabException.firstLine(e), e);
        }
        if (message.contains("No OpKernel was registered")) {
            Matcher kernel = NO_KERNEL.matcher(message);
            return new LrlabException(LrlabException.Kind.MODEL, directory + " needs op " + (kernel.find() ? kernel.group(1) : "(unnamed; see the cause)")
                    + ", for which this TensorFlow (the one bundled with lrlab) has no CPU kernel; lrlab cannot load it"
                    + " (export the trainable part as a SavedModel of standard ops)", e);
        }
        return new LrlabException(LrlabException.Kind.MODEL, "cannot load SavedModel " + directory + " with tags "
                + String.join(",", tags) + ": " + LrlabException.firstLine(e) + "; the saved graph is malformed for this"
                + " TensorFlow (2.18): re-export it with a current TensorFlow", e);
    }

    /** What sort of model uses an op of that name, for the message. */
    static String kindOfModel(String op) {
        if (op.startsWith("SimpleML")) {
            return "it is a TensorFlow Decision Forests model (a tree ensemble, which has no gradients to train)";
        }
        if (op.startsWith("Sentencepiece") || op.startsWith("Wordpiece") || op.startsWith("RegexSplit")
                || op.startsWith("CaseFold") || op.startsWith("Normalize") || op.startsWith("FastWordpiece")) {
            return "it uses TensorFlow Text, whose ops are a separate library";
        }
        if (op.startsWith("Addons>")) {
            return "it uses a TensorFlow Addons custom op";
        }
        return "it is a model with a custom op from a TensorFlow extension library";
    }

    /**
     * Names the file a load failure points at: {@code saved_model.pb} when TensorFlow cannot parse it;
     * {@code variables.index} when TensorFlow cannot read it (ModelFiles has checked its table already), else the data
     * shard the message names, else the only data shard; empty when the failure is not about the model's files.
     */
    private static Optional<Path> damagedFile(Path directory, String message) {
        if (message.startsWith("Can't parse ") && message.contains("saved_model.pb")) {
            return Optional.of(directory.resolve("saved_model.pb"));
        }
        Path variables = directory.resolve("variables");
        Path index = variables.resolve("variables.index");
        if (!Files.isRegularFile(index)) {
            return Optional.empty();
        }
        if (message.contains("Unable to read file (") && message.contains("variables.index")) {
            return Optional.of(index);
        }
        boolean aboutData = message.contains("TensorBundle") || message.contains("Checksum")
                || message.contains("Read less bytes") || message.contains("Data loss") || message.contains(".data-");
        if (!aboutData) {
            return Optional.empty();
        }
        List<Path> shards;
        try (Stream<Path> files = Files.list(variables)) {
            shards = files.filter(f -> f.getFileName().toString().startsWith("variables.data-")).sorted().toList();
        } catch (IOException e) {
            return Optional.of(variables);
        }
        Matcher shard = SHARD.matcher(message);
        if (shard.find()) {
            String prefix = String.format("variables.data-%05d-of-", Integer.parseInt(shard.group(1)));
            Optional<Path> named = shards.stream().filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst();
            if (named.isPresent()) {
                return named;
            }
        }
        return Optional.of(shards.size() == 1 ? shards.get(0) : variables);
    }
}
