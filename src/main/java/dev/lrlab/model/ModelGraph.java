package dev.lrlab.model;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Session;

/**
 * A live graph and session that lrlab can extend with a loss, gradients and optimizer ops: the loaded
 * graph of a TF1 model, or the inlined graph of a TF2 model.
 */
public interface ModelGraph {
    /** @return the graph to add training ops to */
    Graph graph();

    /** @return the session holding the variables' values */
    Session session();

    /**
     * @param tensorNames tensors of {@link #graph()}
     * @return the trainable variables those tensors depend on through data edges
     */
    List<VariableSpec> trainableVariablesFor(List<String> tensorNames);

    /**
     * @param tensorNames tensors of {@link #graph()}
     * @return the names of the ops those tensors depend on through data edges; by default every op
     */
    default java.util.function.Predicate<String> dataAncestors(List<String> tensorNames) {
        return name -> true;
    }

    /**
     * @param signature a signature of the model
     * @param output one of its outputs
     * @return the tensors training reads for that output; by default the output itself
     */
    default TrainingPath trainingPath(SignatureSpec signature, TensorSpec output) {
        return TrainingPath.direct(output.tensorName());
    }

    /**
     * @param input a signature input
     * @return the {@code tf.Example} features the model parses out of it; by default none
     */
    default List<ExampleFeature> exampleFeatures(TensorSpec input) {
        return List.of();
    }

    /** @return every variable of {@link #graph()}, trainable or not; by default none are known */
    default List<VariableSpec> variables() {
        return List.of();
    }
}
