package dev.lrlab.model.inline;

import dev.lrlab.LrlabException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NameAttrList;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Replaces the {@code While} loops of Keras recurrent layers (LSTM, GRU, SimpleRNN) by copies of their bodies, one per
 * time step, so that {@code Graph.addGradients} can differentiate them: TensorFlow's C++ gradient registry has no
 * gradient for {@code While}, nor for the {@code TensorList} ops the loop reads and writes.
 *
 * <p>Works on an inlined graph ({@link FunctionInliner}), in rounds until no loop is left on the path to the needed
 * nodes (a loop in a loop's body is unrolled in the next round):
 *
 * <ul>
 *   <li>The trip count: the loop's condition must be a {@code Less(i, n)} (or a {@code LogicalAnd} of such, as
 *       {@code maximum_iterations} adds) of loop variables where the body adds 1 to {@code i} and passes {@code n}
 *       through; the start of {@code i} and {@code n} must fold to numbers before the graph runs ({@link KnownInts}:
 *       constants, or {@code tf.shape(x)[k]} of a static dimension). Keras' {@code time < tf.shape(inputs)[0]} over
 *       an input of {@code [-1, T, F]} runs T steps. Anything else is not unrolled, and the loop keeps blocking
 *       gradients.
 *   <li>A loop of T steps becomes T calls of its body function, {@code W/unrolled_0} to {@code W/unrolled_<T-1>},
 *       step i's outputs feeding step i+1's inputs, which {@link FunctionInliner} then inlines; consumers of the loop's
 *       outputs read the last step's, and a {@code NoOp} keeps the loop's name for control edges.
 *   <li>Where the model leaves the time dimension open ({@code [-1, -1]} inputs), {@link UnrollSettings#sequenceLength}
 *       fixes dimension 1 of the signature inputs' placeholders, so the bound folds.
 *   <li>{@link TensorListRewrite} then turns the unrolled {@code TensorList} reads and writes into {@code Unpack} and
 *       {@code Pack}, which have gradients.
 * </ul>
 *
 * <p>A loop that cannot be unrolled leaves the graph as it was: with the reason in the {@link Result} when the user
 * can fix it (its length open and no sequence length given, more steps than {@link UnrollSettings#maxSteps}, a
 * sequence length that disagrees with the model); with no reason when its condition has another shape (it then
 * blocks gradients as before, and training names it).
 */
public final class LoopUnrolling {
    /** The loop op types unrolled. */
    public static final Set<String> WHILE_OPS = Set.of("While", "StatelessWhile");

    /** Name part of the per-step calls, and then of the inlined steps: {@code W/unrolled_3/...}. */
    public static final String STEP_PREFIX = "unrolled_";

    private static final int MAX_ROUNDS = 16;

    /**
     * A loop that was unrolled.
     *
     * @param node the While node's name
     * @param steps how many copies of its body replace it
     */
    public record Loop(String node, int steps) {
    }

    /**
     * What unrolling did: the loops unrolled, or why a loop was not. Immutable; made by {@link #unroll} or
     * {@link #unchanged}.
     */
    public static final class Result {
        private final GraphDef graph;
        private final List<Loop> loops;
        private final String refusal;

        private Result(GraphDef graph, List<Loop> loops, String refusal) {
            this.graph = Objects.requireNonNull(graph, "graph");
            this.loops = List.copyOf(loops);
            this.refusal = refusal;
        }

        /**
         * @param graph a graph left as it is (no loop on the path, or a model not inlined)
         * @return a result that unrolled nothing and refused nothing
         */
        public static Result unchanged(GraphDef graph) {
            return new Result(graph, List.of(), null);
        }

        private static Result refused(GraphDef graph, Optional<String> refusal) {
            return new Result(graph, List.of(), refusal.orElse(null));
        }

        /** @return the graph with the loops unrolled, or the graph given when a loop could not be */
        public GraphDef graph() {
            return graph;
        }

        /** @return the loops unrolled, in graph order */
        public List<Loop> loops() {
            return loops;
        }

        /**
         * @return why a loop on the path to the needed nodes was not unrolled (one line, naming the fix), if one was
         *     not
         */
        public Optional<String> refusal() {
            return Optional.ofNullable(refusal);
        }

        /** @return the most steps of any unrolled loop, 0 when none was unrolled */
        public int maxSteps() {
            return loops.stream().mapToInt(Loop::steps).max().orElse(0);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Result r && graph.equals(r.graph) && loops.equals(r.loops)
                    && Objects.equals(refusal, r.refusal);
        }

        @Override
        public int hashCode() {
            return Objects.hash(graph, loops, refusal);
        }

        @Override
        public String toString() {
            return "Result[graph=" + graph.getNodeCount() + " nodes, loops=" + loops + ", refusal=" + refusal() + "]";
        }
    }

    private LoopUnrolling() {
    }

    /**
     * @param graph an inlined graph, its function library attached
     * @param needed the nodes whose ancestors must be loop-free (the signature outputs)
     * @param inputs the signature inputs (tensor names), whose time dimension a sequence length fixes
     * @param inliner the inliner that inlines the steps
     * @param settings sequence length and step limit
     * @return the unrolled graph, or the graph given and why not
     */
    public static Result unroll(GraphDef graph, Collection<String> needed, Collection<String> inputs,
            FunctionInliner inliner, UnrollSettings settings) {
        if (loopsOnPath(graph, needed).isEmpty()) {
            return Result.unchanged(graph);
        }
        Optional<String> inputProblem = Optional.empty();
        GraphDef current = graph;
        if (settings.hasSequenceLength()) {
            FixedInputs fixed = fixSequenceLength(graph, inputs, settings.sequenceLength(), settings.fromWindow());
            current = fixed.graph();
            inputProblem = fixed.disagreement();
        }
        if (inputProblem.isPresent()) {
            return Result.refused(graph, inputProblem);
        }
        Map<String, FunctionDef> library = new HashMap<>();
        for (FunctionDef function : graph.getLibrary().getFunctionList()) {
            library.put(function.getSignature().getName(), function);
        }
        List<Loop> loops = new ArrayList<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<NodeDef> whiles = loopsOnPath(current, needed);
            if (whiles.isEmpty()) {
                return new Result(TensorListRewrite.rewrite(current), loops, null);
            }
            Map<String, NodeDef> byName = new HashMap<>();
            current.getNodeList().forEach(n -> byName.put(n.getName(), n));
            Map<String, Integer> steps = new HashMap<>();
            try (Graph scratch = new Graph()) {
                try {
                    scratch.importGraphDef(current);
                } catch (IllegalArgumentException e) {
                    throw LrlabException.model("the inlined graph does not import before unrolling its loops: "
                            + LrlabException.firstLine(e) + "; report it with the model attached");
                }
                KnownInts known = new KnownInts(byName, tensor -> staticShape(scratch, tensor));
                for (NodeDef loop : whiles) {
                    OptionalLong count = TripCount.of(loop, library, known);
                    if (count.isEmpty()) {
                        // a loop of another shape stays, and training names it as an op without gradient
                        return Result.refused(graph, TripCount.countsToABound(loop, library, known)
                                ? Optional.of(unknownLength(loop, settings)) : Optional.empty());
                    }
                    if (count.getAsLong() < 1 || count.getAsLong() > settings.maxSteps()) {
                        return Result.refused(graph, Optional.of(count.getAsLong() < 1
                                ? "the loop " + loop.getName() + " runs " + count.getAsLong() + " steps; lrlab unrolls "
                                        + "loops of at least 1 step (check `sequenceLength`)"
                                : "the loop " + loop.getName() + " runs " + count.getAsLong() + " steps, more than "
                                        + "`maxSteps` " + settings.maxSteps() + "; raise `maxSteps` (the training "
                                        + "graph grows with the steps) or train on shorter sequences"));
                    }
                    steps.put(loop.getName(), (int) count.getAsLong());
                }
            }
            List<NodeDef> replaced = new ArrayList<>();
            Map<String, String> lastStep = new HashMap<>();
            for (NodeDef node : current.getNodeList()) {
                Integer count = steps.get(node.getName());
                if (count == null) {
                    replaced.add(node);
                } else {
                    replaced.addAll(stepCalls(node, count));
                    lastStep.put(node.getName(), node.getName() + "/" + STEP_PREFIX + (count - 1));
                    loops.add(new Loop(node.getName(), count));
                }
            }
            List<NodeDef> rewired = new ArrayList<>(replaced.size());
            for (NodeDef node : replaced) {
                rewired.add(readLastStep(node, lastStep));
            }
            current = bypassHandleIdentities(inliner.inline(current.toBuilder().clearNode().addAllNode(rewired).build(),
                    needed));
        }
        throw LrlabException.model("loops nest deeper than " + MAX_ROUNDS + " levels; expected Keras recurrent layers");
    }

    /**
     * Points readers of a step's resource-handle outputs ({@code Identity} of {@code DT_RESOURCE}, a variable the loop
     * passes on) at the handle itself, so that every step's {@code ReadVariableOp} reads the {@code VarHandleOp}
     * directly, as training looks for the reads of a variable among the consumers of its handle.
     */
    static GraphDef bypassHandleIdentities(GraphDef graph) {
        Map<String, String> source = new HashMap<>();
        for (NodeDef node : graph.getNodeList()) {
            AttrValue type = node.getAttrMap().get("T");
            if (node.getOp().equals("Identity") && type != null && type.getType() == DataType.DT_RESOURCE
                    && node.getName().contains("/" + STEP_PREFIX)) {
                source.put(node.getName(), node.getInput(0));
            }
        }
        if (source.isEmpty()) {
            return graph;
        }
        GraphDef.Builder builder = graph.toBuilder();
        for (int i = 0; i < builder.getNodeCount(); i++) {
            NodeDef node = builder.getNode(i);
            boolean changed = false;
            NodeDef.Builder rewired = node.toBuilder().clearInput();
            for (String input : node.getInputList()) {
                String resolved = input;
                for (int hops = 0; !TensorNames.isControl(resolved) && hops < 100_000; hops++) {
                    String next = source.get(TensorNames.nodeName(resolved));
                    if (next == null || TensorNames.outputIndex(resolved) != 0) {
                        break;
                    }
                    resolved = next;
                }
                changed |= !resolved.equals(input);
                rewired.addInput(resolved);
            }
            if (changed) {
                builder.setNode(i, rewired);
            }
        }
        return builder.build();
    }

    /** @return the While nodes that the needed nodes depend on */
    static List<NodeDef> loopsOnPath(GraphDef graph, Collection<String> needed) {
        Set<String> ancestors = FunctionInliner.ancestors(graph.getNodeList(), needed);
        return graph.getNodeList().stream()
                .filter(n -> WHILE_OPS.contains(n.getOp()) && ancestors.contains(n.getName())).toList();
    }

    private static String unknownLength(NodeDef loop, UnrollSettings settings) {
        if (!settings.hasSequenceLength()) {
            return "the loop " + loop.getName() + " runs as many steps as the input sequence is long, which the model "
                    + "leaves open; give `sequenceLength` T (the number of time steps of each row)";
        }
        return "cannot tell how many steps the loop " + loop.getName() + " runs, even with "
                + (settings.fromWindow() ? "`window` " : "`sequenceLength` ") + settings.sequenceLength()
                + " (its bound does not follow from the inputs' shapes)";
    }

    /**
     * @param graph the graph with the inputs' time dimension fixed, or the graph given when they disagree
     * @param problem why an input disagrees with the sequence length; null when none does
     */
    private record FixedInputs(GraphDef graph, String problem) {
        Optional<String> disagreement() {
            return Optional.ofNullable(problem);
        }
    }

    /**
     * Sets dimension 1 of the signature inputs' placeholders that leave it open; checks the ones that fix it, unless
     * the length comes from a window (the window check then names --window in its message).
     */
    private static FixedInputs fixSequenceLength(GraphDef graph, Collection<String> inputs, int length,
            boolean fromWindow) {
        Set<String> names = new java.util.HashSet<>();
        inputs.forEach(i -> names.add(TensorNames.nodeName(i)));
        GraphDef.Builder builder = graph.toBuilder();
        for (int i = 0; i < builder.getNodeCount(); i++) {
            NodeDef node = builder.getNode(i);
            if (!names.contains(node.getName()) || !node.getOp().startsWith("Placeholder")
                    || !node.containsAttr("shape")) {
                continue;
            }
            TensorShapeProto shape = node.getAttrOrThrow("shape").getShape();
            if (shape.getUnknownRank() || shape.getDimCount() < 2) {
                continue;
            }
            long time = shape.getDim(1).getSize();
            if (time >= 0 && time != length && !fromWindow) {
                return new FixedInputs(graph, "input " + node.getName() + " has " + time
                        + " time steps in the model; `sequenceLength` " + length + " disagrees (drop it, or give "
                        + time + ")");
            }
            if (time < 0) {
                TensorShapeProto fixed = shape.toBuilder().setDim(1, TensorShapeProto.Dim.newBuilder().setSize(length))
                        .build();
                builder.setNode(i, node.toBuilder().putAttr("shape", AttrValue.newBuilder().setShape(fixed).build()));
            }
        }
        return new FixedInputs(builder.build(), null);
    }

    /** One call of the body per step: step 0 reads the loop's inputs, step i the outputs of step i-1. */
    private static List<NodeDef> stepCalls(NodeDef loop, int count) {
        List<String> data = new ArrayList<>();
        List<String> controls = new ArrayList<>();
        for (String input : loop.getInputList()) {
            (TensorNames.isControl(input) ? controls : data).add(input);
        }
        NameAttrList body = loop.getAttrOrThrow("body").getFunc();
        AttrValue types = loop.getAttrOrThrow("T");
        String op = loop.getOp().equals("StatelessWhile") ? "PartitionedCall" : "StatefulPartitionedCall";
        List<NodeDef> calls = new ArrayList<>(count + 1);
        for (int step = 0; step < count; step++) {
            String name = loop.getName() + "/" + STEP_PREFIX + step;
            NodeDef.Builder call = NodeDef.newBuilder().setName(name).setOp(op).setDevice(loop.getDevice())
                    .putAttr("f", AttrValue.newBuilder().setFunc(body).build())
                    .putAttr("Tin", types).putAttr("Tout", types);
            if (step == 0) {
                call.addAllInput(data).addAllInput(controls);
            } else {
                String previous = loop.getName() + "/" + STEP_PREFIX + (step - 1);
                for (int j = 0; j < data.size(); j++) {
                    call.addInput(TensorNames.tensorName(previous, j));
                }
            }
            calls.add(call.build());
        }
        calls.add(NodeDef.newBuilder().setName(loop.getName()).setOp("NoOp").setDevice(loop.getDevice())
                .addInput(TensorNames.control(loop.getName() + "/" + STEP_PREFIX + (count - 1))).build());
        return calls;
    }

    /** Points data inputs {@code W:j} of an unrolled loop W at its last step. */
    private static NodeDef readLastStep(NodeDef node, Map<String, String> lastStep) {
        boolean changed = false;
        NodeDef.Builder builder = node.toBuilder().clearInput();
        for (String input : node.getInputList()) {
            String last = TensorNames.isControl(input) ? null : lastStep.get(TensorNames.nodeName(input));
            if (last != null) {
                builder.addInput(TensorNames.tensorName(last, TensorNames.outputIndex(input)));
                changed = true;
            } else {
                builder.addInput(input);
            }
        }
        return changed ? builder.build() : node;
    }

    private static long[] staticShape(Graph graph, String tensor) {
        GraphOperation op = graph.operation(TensorNames.nodeName(tensor));
        if (op == null) {
            return null;
        }
        Shape shape = op.output(TensorNames.outputIndex(tensor)).shape();
        return shape.isUnknown() ? null : shape.asArray();
    }
}
