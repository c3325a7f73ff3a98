package dev.lrlab.model;

import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;

/**
 * The {@code Softmax} or {@code Sigmoid} op that produces a model output (looking through {@code Identity}
 * ops), whose input is then the pre-activation logits.
 *
 * @param type {@code Softmax} or {@code Sigmoid}
 * @param opName the activation op's name
 * @param logits the activation's input
 */
public record FinalActivation(String type, String opName, Output<?> logits) {

    /**
     * @param graph the graph holding the output
     * @param output the model output
     * @return the final activation, if the output comes straight from a Softmax or Sigmoid
     */
    public static Optional<FinalActivation> of(Graph graph, Output<?> output) {
        GraphOperation op = (GraphOperation) output.op();
        for (int hops = 0; hops < 64; hops++) {
            switch (op.type()) {
                case "Softmax", "Sigmoid" -> {
                    return Optional.of(new FinalActivation(op.type(), op.name(), op.input(0)));
                }
                case "Identity", "Snapshot" -> op = (GraphOperation) op.input(0).op();
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
