package dev.lrlab.model.inline;

import dev.lrlab.LrlabException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.OpDef.ArgDef;
import org.tensorflow.proto.OpList;

/**
 * Inlines function calls ({@code PartitionedCall}, {@code StatefulPartitionedCall} and direct calls
 * whose op type is a library function) into the outer graph, so that gradients of the outer graph
 * reach the {@code ReadVariableOp}s of TF2 resource variables.
 *
 * <p>Only calls that are ancestors of the needed nodes are inlined (recursively, with every call
 * nested in their bodies); other calls, such as the saver's, stay calls and the function library
 * stays attached. The rules:
 *
 * <ul>
 *   <li>Body nodes are renamed {@code C/name} for a call node {@code C}; {@code node:out_arg:i}
 *       references become flat output indices (sizes of earlier output args summed from the
 *       {@code number_attr}/{@code type_list_attr} attrs, op defaults, or a library function's own
 *       signature).
 *   <li>A body input that names an input arg is replaced by the call's own input (no Identity in
 *       between), so a {@code ReadVariableOp} reads the outer {@code VarHandleOp}; {@code ^arg}
 *       becomes {@code ^producer}.
 *   <li>A call with one output becomes an {@code Identity} named {@code C}, so {@code C}, {@code
 *       C:0}, {@code ^C} and signature tensor names keep working. A call with several outputs becomes
 *       one {@code Identity} per output, named {@code C/inlined_output_i}, plus a {@code NoOp} named
 *       {@code C} that depends on all of them; consumers of {@code C:i} are rewired, and {@link
 *       #resolveTensor} maps signature tensor names. {@code IdentityN} is never used: it has no
 *       registered gradient.
 *   <li>The function's {@code control_ret} nodes become control inputs of those output nodes; the
 *       call's own control inputs go on every body node with no input from inside the body.
 *   <li>{@code _class} colocation attrs are rewritten to the prefixed names (entries naming
 *       anything outside the body are dropped); {@code _output_shapes} is kept; attr placeholders
 *       ({@code $T}) are resolved from the call's attrs.
 *   <li>A call of a function Keras meant for a GPU ({@code api_preferred_device}, the CuDNN variant of an
 *       LSTM or GRU) inlines the library function that implements the same {@code api_implements} on CPU.
 *   <li>{@code ResourceGather} is rewritten to {@code ReadVariableOp} + {@code GatherV2} (see
 *       {@link ResourceGatherRewrite}).
 * </ul>
 *
 * <p>Functional control flow ({@code While}, {@code If}, ...) is left as it is; {@link
 * GradientCoverage} names such ops when they sit between the variables and the loss.
 */
public final class FunctionInliner {
    /** Op types that call the function named by their {@code f} attr. */
    public static final Set<String> CALL_OPS = Set.of("PartitionedCall", "StatefulPartitionedCall");

    /** Name part of the per-output Identity nodes of an inlined call with several outputs. */
    public static final String OUTPUT_NODE_PREFIX = "inlined_output_";

    private static final int MAX_DEPTH = 64;
    private static final String API_IMPLEMENTS = "api_implements";
    private static final String API_PREFERRED_DEVICE = "api_preferred_device";
    private static final String API_CPU = "CPU";

    private final OpList registeredOps;

    /**
     * @param registeredOps the op signatures of this TensorFlow runtime, as given by {@link
     *     TensorFlow#registeredOpList()}
     */
    public FunctionInliner(OpList registeredOps) {
        this.registeredOps = Objects.requireNonNull(registeredOps, "registeredOps");
    }

    /** @return an inliner that knows every op registered in the loaded TensorFlow runtime */
    public static FunctionInliner withRegisteredOps() {
        return new FunctionInliner(TensorFlow.registeredOpList());
    }

    /**
     * Inlines every function call that is an ancestor of the needed nodes.
     *
     * @param graph a graph with its function library
     * @param neededNodes node or tensor names ({@code name}, {@code name:0}, {@code ^name}) whose
     *     ancestors must become call-free, for example the signature outputs
     * @return a copy of the graph with those calls inlined, the library kept
     * @throws LrlabException if a needed node is missing or a function cannot be inlined
     */
    public GraphDef inline(GraphDef graph, Collection<String> neededNodes) {
        Map<String, FunctionDef> library = new HashMap<>();
        for (FunctionDef function : graph.getLibrary().getFunctionList()) {
            library.put(function.getSignature().getName(), function);
        }
        Expander expander = new Expander(new OpSignatures(registeredOps, library), library, cpuAlternatives(library));
        Set<String> needed = ancestors(graph.getNodeList(), neededNodes);
        List<NodeDef> nodes = expander.expandList(graph.getNodeList(),
                node -> needed.contains(node.getName()) && expander.isCall(node), 0);
        nodes = ResourceGatherRewrite.rewrite(nodes);
        checkUniqueNames(nodes);
        return graph.toBuilder().clearNode().addAllNode(nodes).build();
    }

    /**
     * Maps a tensor name of the graph before inlining (a signature's {@code C:1}, say) to the tensor
     * that carries the same value after inlining. Names of calls with one output, and of nodes that
     * are no call, map to themselves.
     *
     * @param inlined the graph returned by {@link #inline}
     * @param tensorName {@code node} or {@code node:index}
     * @return the tensor name to feed or fetch in the inlined graph
     */
    public static String resolveTensor(GraphDef inlined, String tensorName) {
        String node = TensorNames.nodeName(tensorName);
        int index = TensorNames.outputIndex(tensorName);
        String candidate = node + "/" + OUTPUT_NODE_PREFIX + index;
        boolean isInlinedNoOp = false;
        boolean hasOutputNode = false;
        for (NodeDef n : inlined.getNodeList()) {
            if (n.getName().equals(node) && n.getOp().equals("NoOp")) {
                isInlinedNoOp = true;
            } else if (n.getName().equals(candidate)) {
                hasOutputNode = true;
            }
        }
        return isInlinedNoOp && hasOutputNode ? TensorNames.tensorName(candidate, 0) : tensorName;
    }

    /** Names of the needed nodes and all their ancestors, through data and control inputs. */
    static Set<String> ancestors(List<NodeDef> nodes, Collection<String> roots) {
        Map<String, NodeDef> byName = new HashMap<>();
        for (NodeDef node : nodes) {
            byName.put(node.getName(), node);
        }
        for (String root : roots) {
            String name = TensorNames.nodeName(root);
            if (!byName.containsKey(name)) {
                throw LrlabException.model("needed node '" + name + "' is not in the graph;"
                        + " expected a node of the model's graph (check the signature's tensor names)");
            }
        }
        return TensorNames.ancestors(byName::get, roots, true);
    }

    /**
     * Maps each function that Keras meant for another device ({@code api_preferred_device} other than CPU, such as
     * the CuDNN variant of an LSTM or GRU) to the library function that implements the same API
     * ({@code api_implements}) on CPU. Grappler's implementation selector makes this choice when TensorFlow runs a
     * graph; inlining must make it first, since the CuDNN kernels exist only on GPUs.
     */
    static Map<String, String> cpuAlternatives(Map<String, FunctionDef> library) {
        Map<String, String> cpu = new HashMap<>();
        for (FunctionDef function : library.values()) {
            if (API_CPU.equals(attrText(function, API_PREFERRED_DEVICE)) && !attrText(function, API_IMPLEMENTS).isEmpty()) {
                cpu.putIfAbsent(attrText(function, API_IMPLEMENTS), function.getSignature().getName());
            }
        }
        Map<String, String> alternatives = new HashMap<>();
        for (FunctionDef function : library.values()) {
            String device = attrText(function, API_PREFERRED_DEVICE);
            String standard = cpu.get(attrText(function, API_IMPLEMENTS));
            if (!device.isEmpty() && !device.equals(API_CPU) && standard != null
                    && library.get(standard).getSignature().getInputArgCount()
                    == function.getSignature().getInputArgCount()
                    && library.get(standard).getSignature().getOutputArgCount()
                    == function.getSignature().getOutputArgCount()) {
                alternatives.put(function.getSignature().getName(), standard);
            }
        }
        return alternatives;
    }

    private static String attrText(FunctionDef function, String attr) {
        AttrValue value = function.getAttrMap().get(attr);
        return value == null ? "" : value.getS().toStringUtf8();
    }

    private static void checkUniqueNames(List<NodeDef> nodes) {
        Set<String> names = new HashSet<>();
        for (NodeDef node : nodes) {
            if (!names.add(node.getName())) {
                throw LrlabException.model("inlining made two nodes named '" + node.getName()
                        + "'; expected unique names (an outer node already uses a call's prefix)");
            }
        }
    }

    /** Expands calls in lists of nodes; one instance per {@link #inline} run. */
    private static final class Expander {
        private final OpSignatures signatures;
        private final Map<String, FunctionDef> library;
        private final Map<String, String> cpuAlternatives;

        Expander(OpSignatures signatures, Map<String, FunctionDef> library, Map<String, String> cpuAlternatives) {
            this.signatures = signatures;
            this.library = library;
            this.cpuAlternatives = cpuAlternatives;
        }

        boolean isCall(NodeDef node) {
            return (CALL_OPS.contains(node.getOp()) && node.containsAttr("f"))
                    || library.containsKey(node.getOp());
        }

        List<NodeDef> expandList(List<NodeDef> nodes, Predicate<NodeDef> expand, int depth) {
            List<NodeDef> out = new ArrayList<>();
            Map<String, List<String>> rewired = new HashMap<>();
            for (NodeDef node : nodes) {
                if (expand.test(node)) {
                    out.addAll(expandCall(node, depth, rewired));
                } else {
                    out.add(node);
                }
            }
            if (rewired.isEmpty()) {
                return out;
            }
            List<NodeDef> result = new ArrayList<>(out.size());
            for (NodeDef node : out) {
                result.add(rewireInputs(node, rewired));
            }
            return result;
        }

        private static NodeDef rewireInputs(NodeDef node, Map<String, List<String>> rewired) {
            boolean changed = false;
            List<String> inputs = new ArrayList<>(node.getInputCount());
            for (String input : node.getInputList()) {
                List<String> outputs = TensorNames.isControl(input) ? null : rewired.get(TensorNames.nodeName(input));
                if (outputs != null) {
                    inputs.add(outputs.get(TensorNames.outputIndex(input)));
                    changed = true;
                } else {
                    inputs.add(input);
                }
            }
            return changed ? node.toBuilder().clearInput().addAllInput(inputs).build() : node;
        }

        private List<NodeDef> expandCall(NodeDef call, int depth, Map<String, List<String>> rewired) {
            if (depth > MAX_DEPTH) {
                throw LrlabException.model("function calls nest deeper than " + MAX_DEPTH + " at '"
                        + call.getName() + "'; expected no recursive functions");
            }
            CallSite site = CallSite.of(call, library, cpuAlternatives);
            FunctionDef function = site.function();
            OpDef signature = function.getSignature();
            String prefix = call.getName() + "/";

            if (signature.getInputArgCount() != site.dataInputs().size()) {
                throw LrlabException.model("call '" + call.getName() + "' passes " + site.dataInputs().size()
                        + " inputs to function '" + signature.getName() + "'; expected "
                        + signature.getInputArgCount() + " (list-valued function args are not supported)");
            }
            Map<String, String> argInputs = new HashMap<>();
            for (int i = 0; i < signature.getInputArgCount(); i++) {
                ArgDef arg = signature.getInputArg(i);
                requireSingleTensor(arg, signature);
                argInputs.put(arg.getName(), site.dataInputs().get(i));
            }

            Map<String, NodeDef> body = new LinkedHashMap<>();
            for (NodeDef node : function.getNodeDefList()) {
                body.put(node.getName(), resolvePlaceholders(node, site, signature));
            }
            BodyTranslator translator = new BodyTranslator(prefix, body, argInputs, signatures);

            List<NodeDef> translated = new ArrayList<>(body.size());
            for (NodeDef node : body.values()) {
                translated.add(translator.translate(node, site.controlInputs()));
            }

            List<String> controls = new ArrayList<>();
            for (String target : new TreeSet<>(function.getControlRetMap().values())) {
                controls.add(TensorNames.control(prefix + target));
            }
            controls.addAll(site.controlInputs());

            int outputs = signature.getOutputArgCount();
            if (outputs == 0) {
                translated.add(NodeDef.newBuilder().setName(call.getName()).setOp("NoOp")
                        .addAllInput(controls).build());
                return expandList(translated, this::isCall, depth + 1);
            }
            List<NodeDef> outputNodes = new ArrayList<>();
            for (int j = 0; j < outputs; j++) {
                ArgDef arg = signature.getOutputArg(j);
                requireSingleTensor(arg, signature);
                String ret = function.getRetMap().get(arg.getName());
                if (ret == null) {
                    throw LrlabException.model("function '" + signature.getName() + "' returns nothing for"
                            + " output '" + arg.getName() + "'; the function library is malformed");
                }
                String name = outputs == 1 ? call.getName() : prefix + OUTPUT_NODE_PREFIX + j;
                NodeDef.Builder identity = NodeDef.newBuilder().setName(name).setOp("Identity")
                        .setDevice(call.getDevice())
                        .addInput(translator.tensor(ret))
                        .addAllInput(controls)
                        .putAttr("T", AttrValue.newBuilder().setType(site.outputType(j, arg)).build());
                AttrValue shapes = call.getAttrMap().get("_output_shapes");
                if (shapes != null && shapes.getList().getShapeCount() == outputs) {
                    identity.putAttr("_output_shapes", AttrValue.newBuilder().setList(
                            AttrValue.ListValue.newBuilder().addShape(shapes.getList().getShape(j))).build());
                }
                outputNodes.add(identity.build());
            }
            translated.addAll(outputNodes);
            if (outputs > 1) {
                NodeDef.Builder noOp = NodeDef.newBuilder().setName(call.getName()).setOp("NoOp");
                List<String> outputNames = new ArrayList<>();
                for (NodeDef node : outputNodes) {
                    noOp.addInput(TensorNames.control(node.getName()));
                    outputNames.add(node.getName());
                }
                translated.add(noOp.build());
                rewired.put(call.getName(), outputNames);
            }
            // output nodes are expanded with the body, so nested multi-output calls get rewired in them too
            return expandList(translated, this::isCall, depth + 1);
        }

        private static void requireSingleTensor(ArgDef arg, OpDef signature) {
            if (!arg.getNumberAttr().isEmpty() || !arg.getTypeListAttr().isEmpty()) {
                throw LrlabException.model("function '" + signature.getName() + "' has list-valued arg '"
                        + arg.getName() + "'; expected single-tensor args (as tf.function writes them)");
            }
        }

        private static NodeDef resolvePlaceholders(NodeDef node, CallSite site, OpDef signature) {
            NodeDef.Builder builder = null;
            for (Map.Entry<String, AttrValue> attr : node.getAttrMap().entrySet()) {
                String placeholder = attr.getValue().getPlaceholder();
                if (placeholder.isEmpty()) {
                    continue;
                }
                AttrValue value = site.attrs().get(placeholder);
                if (value == null) {
                    throw LrlabException.model("node '" + node.getName() + "' of function '"
                            + signature.getName() + "' needs attr '$" + placeholder
                            + "' that the call does not set; expected the call to carry it");
                }
                if (builder == null) {
                    builder = node.toBuilder();
                }
                builder.putAttr(attr.getKey(), value);
            }
            return builder == null ? node : builder.build();
        }
    }

    /** A call node, with the function it calls and the attrs that fill the body's placeholders. */
    private record CallSite(NodeDef call, FunctionDef function, Map<String, AttrValue> attrs,
            List<String> dataInputs, List<String> controlInputs) {

        static CallSite of(NodeDef call, Map<String, FunctionDef> library, Map<String, String> cpuAlternatives) {
            String functionName;
            Map<String, AttrValue> attrs;
            if (CALL_OPS.contains(call.getOp())) {
                functionName = call.getAttrOrThrow("f").getFunc().getName();
                attrs = call.getAttrOrThrow("f").getFunc().getAttrMap();
            } else {
                functionName = call.getOp();
                attrs = call.getAttrMap();
            }
            FunctionDef function = library.get(cpuAlternatives.getOrDefault(functionName, functionName));
            if (function == null) {
                throw LrlabException.model("call '" + call.getName() + "' names function '" + functionName
                        + "' that is not in the graph's library; expected a complete SavedModel");
            }
            List<String> data = new ArrayList<>();
            List<String> control = new ArrayList<>();
            for (String input : call.getInputList()) {
                (TensorNames.isControl(input) ? control : data).add(input);
            }
            return new CallSite(call, function, attrs, data, control);
        }

        DataType outputType(int index, ArgDef arg) {
            AttrValue tout = call.getAttrMap().get("Tout");
            if (CALL_OPS.contains(call.getOp()) && tout != null && tout.getList().getTypeCount() > index) {
                return tout.getList().getType(index);
            }
            if (arg.getType() != DataType.DT_INVALID) {
                return arg.getType();
            }
            AttrValue typed = attrs.get(arg.getTypeAttr());
            if (typed == null) {
                throw LrlabException.model("cannot tell the type of output '" + arg.getName() + "' of call '"
                        + call.getName() + "'; expected attr '" + arg.getTypeAttr() + "' on the call");
            }
            return typed.getType();
        }
    }
}
