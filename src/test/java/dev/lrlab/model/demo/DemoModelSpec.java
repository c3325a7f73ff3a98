package dev.lrlab.model.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The architecture of one demo model: its inputs (concatenated along axis 1 when there are
 * several, by an op named {@code concat}), a stack of dense layers, and a head. Its initial weights
 * follow from {@code seed} alone (see {@link #initialWeights()}).
 *
 * @param name the model's folder name, e.g. {@code digits-mlp}
 * @param inputs the named inputs, in signature order; at least one
 * @param layers the dense layers, first to last; at least one, the last one linear
 * @param head what follows the last layer
 * @param seed base seed of the {@link GlorotUniform} kernels
 */
public record DemoModelSpec(String name, List<InputSpec> inputs, List<DenseSpec> layers,
                            Head head, long seed) {

    /** Validates the structure and copies the lists. */
    public DemoModelSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("expected a model name, found " + name);
        }
        inputs = List.copyOf(inputs);
        layers = List.copyOf(layers);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("expected at least one input in " + name + ", found none");
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("expected at least one layer in " + name + ", found none");
        }
        if (layers.get(layers.size() - 1).relu()) {
            throw new IllegalArgumentException("expected the last layer of " + name
                    + " to be linear (its output feeds the " + head + " head), found ReLU");
        }
        if (head == null) {
            throw new IllegalArgumentException("expected a head for " + name + ", found null");
        }
        if (head == Head.SIGMOID && outputWidth(layers) != 1) {
            throw new IllegalArgumentException("expected 1 output unit for a " + head + " head in "
                    + name + ", found " + outputWidth(layers));
        }
        Set<String> names = new HashSet<>(Set.of(head.outputName(), "concat", "concat_axis", "save", "Init"));
        for (InputSpec input : inputs) {
            requireUnique(names, input.name(), name);
        }
        for (DenseSpec layer : layers) {
            requireUnique(names, layer.name(), name);
        }
    }

    /** @return the total width of the inputs, which is the first layer's fan-in */
    public int inputWidth() {
        return inputs.stream().mapToInt(InputSpec::width).sum();
    }

    /** @return the width of the output: the last layer's units */
    public int outputWidth() {
        return outputWidth(layers);
    }

    /** @return the {@code serving_default} output key, which is also the output op's name */
    public String outputName() {
        return head.outputName();
    }

    /** @return the number of trainable values (kernels and biases) */
    public long parameterCount() {
        long count = 0;
        int fanIn = inputWidth();
        for (DenseSpec layer : layers) {
            count += (long) fanIn * layer.units() + layer.units();
            fanIn = layer.units();
        }
        return count;
    }

    /**
     * The initial values of every layer: kernel {@code i} from
     * {@code new GlorotUniform(seed).kernel(i, fanIn, units)}, biases zero. The same spec always
     * gives the same values.
     *
     * @return one entry per layer, in order
     */
    public List<LayerWeights> initialWeights() {
        GlorotUniform glorot = new GlorotUniform(seed);
        List<LayerWeights> weights = new ArrayList<>(layers.size());
        int fanIn = inputWidth();
        for (int i = 0; i < layers.size(); i++) {
            int units = layers.get(i).units();
            weights.add(new LayerWeights(glorot.kernel(i, fanIn, units), new float[units]));
            fanIn = units;
        }
        return weights;
    }

    private static int outputWidth(List<DenseSpec> layers) {
        return layers.get(layers.size() - 1).units();
    }

    private static void requireUnique(Set<String> names, String candidate, String model) {
        if (!names.add(candidate)) {
            throw new IllegalArgumentException("expected unique op names in " + model
                    + ", found '" + candidate + "' twice or clashing with a reserved name");
        }
    }
}
