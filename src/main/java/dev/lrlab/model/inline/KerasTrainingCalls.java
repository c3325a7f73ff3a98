package dev.lrlab.model.inline;

import dev.lrlab.LrlabException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NameAttrList;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef.ArgDef;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedConcreteFunction;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObjectGraph;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.Struct.StructuredValue;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject.ObjectReference;

/**
 * Adds calls of a Keras model's training-mode function to its graph, so that inlining them gives a
 * forward pass with Dropout active and BatchNormalization on batch statistics (its moving averages
 * updated whenever the output is computed, as Keras' {@code fit} does).
 *
 * <p>Keras saves, on the root model object, a function {@code call_and_return_all_conditional_losses}
 * (also reachable as {@code keras_api.call_and_return_conditional_losses}) with one concrete function
 * per traced call; the one whose {@code canonicalized_input_signature} passes {@code training=True}
 * (positionally, as {@code call(inputs, training, mask)}, or as the {@code training} keyword) is the
 * training-mode forward pass. Its {@code output_signature} is {@code (outputs, conditional_losses)}: the
 * losses that depend on the inputs, such as activity regularizers.
 *
 * <p>The losses that do not depend on the inputs (kernel and bias regularizers, {@code add_loss} of a
 * callable) are not among them. Keras saves each as a {@code tf.function} without arguments that returns
 * the scalar penalty, already scaled by its factor ({@code l2 * sum(w^2)}), and lists it under {@code
 * regularization_losses} of the model and of its layers and under {@code layer_regularization_losses} of
 * the owning layer's {@code keras_api}; one penalty in several lists is one object. These are the
 * model's weight penalties, whose sum {@code model.fit} adds to the compiled loss.
 *
 * <p>For each user signature whose inputs match the training-mode function's tensor inputs (by name,
 * else by order and dtype) this class adds:
 *
 * <ul>
 *   <li>a node {@code lrlab_training/<key>}: a {@code StatefulPartitionedCall} of that function on the
 *       signature's input tensors followed by the graph nodes of its {@code bound_inputs} (variable
 *       handles, captured constants, and other resources such as lookup tables, found as the inputs the
 *       saved graph's own calls pass for the same objects);
 *   <li>once for the model, a node {@code lrlab_regularization/<i>} per weight penalty: a {@code
 *       StatefulPartitionedCall} of its concrete function on the graph nodes of its bound variables;
 *   <li>a hidden signature {@code __lrlab_training/<key>} with the same inputs, the predictions under
 *       the user signature's output keys, and each conditional loss, then each weight penalty, under
 *       {@code __regularization_loss_<i>}, so that {@link InlinedSavedModel} inlines the calls like any
 *       signature output and resolves their tensor names.
 * </ul>
 */
public final class KerasTrainingCalls {
    /** Name prefix of the added call nodes. */
    public static final String CALL_PREFIX = "lrlab_training/";
    /** Key prefix of the added hidden signatures. */
    public static final String SIGNATURE_PREFIX = "__lrlab_training/";
    /** Output key prefix of the regularization losses in a hidden signature. */
    public static final String REGULARIZATION_PREFIX = "__regularization_loss_";
    /** Name prefix of the added weight-penalty call nodes. */
    public static final String PENALTY_PREFIX = "lrlab_regularization/";

    /** Children of a Keras object that list input-independent losses (weight penalties). */
    private static final List<String> PENALTY_LISTS = List.of("regularization_losses", "layer_regularization_losses");

    private static final List<String> CALL_FUNCTION_NAMES = List.of("call_and_return_all_conditional_losses",
            "call_and_return_conditional_losses");

    /**
     * @param metaGraph the meta graph with the calls and hidden signatures added
     * @param trainingSignatures user signature key to its hidden training signature key
     * @param weightPenalties how many weight penalties every hidden signature returns after the training-mode
     *     call's own conditional losses
     */
    public record Added(MetaGraphDef metaGraph, Map<String, String> trainingSignatures, int weightPenalties) {
    }

    private KerasTrainingCalls() {
    }

    /**
     * @param userKey a user signature key
     * @return the key of its hidden training-mode signature
     */
    public static String trainingSignatureKey(String userKey) {
        return SIGNATURE_PREFIX + userKey;
    }

    /**
     * Adds a training-mode call for every user signature that one can be made for.
     *
     * @param metaGraph a TF2 Keras SavedModel's meta graph
     * @return the extended meta graph and the signatures covered
     * @throws LrlabException when the model has no Keras training-mode function or no signature fits it
     */
    public static Added add(MetaGraphDef metaGraph) {
        List<Candidate> candidates = trainingFunctions(metaGraph);
        if (candidates.isEmpty()) {
            if (isKeras3Export(metaGraph)) {
                throw LrlabException.model("the model is a Keras 3 export (model.export), which holds no training-mode "
                        + "function; " + KERAS3_TRAINING_HINT + ", or drop `trainingMode`");
            }
            throw LrlabException.model("the model has no Keras training-mode function (a concrete function of "
                    + "call_and_return_all_conditional_losses traced with training=True); `trainingMode` needs a "
                    + "TF2 Keras model saved with model.save (Keras 2) or tf.saved_model.save; drop `trainingMode`");
        }
        Map<String, FunctionDef> library = new LinkedHashMap<>();
        metaGraph.getGraphDef().getLibrary().getFunctionList()
                .forEach(f -> library.put(f.getSignature().getName(), f));
        Map<Integer, String> boundNodes = boundNodes(metaGraph);
        MetaGraphDef.Builder builder = metaGraph.toBuilder();
        List<TensorInfo> penalties = new ArrayList<>();
        for (String penalty : penaltyFunctions(metaGraph)) {
            FunctionDef function = library.get(penalty);
            if (function == null) {
                throw LrlabException.model("weight-penalty function '" + penalty + "' is not in the graph's library; "
                        + "expected a complete SavedModel");
            }
            String callName = PENALTY_PREFIX + penalties.size();
            builder.getGraphDefBuilder().addNode(penaltyNode(callName, function,
                    metaGraph.getObjectGraphDef().getConcreteFunctionsOrThrow(penalty).getBoundInputsList(), boundNodes));
            penalties.add(TensorInfo.newBuilder().setDtype(function.getSignature().getOutputArg(0).getType())
                    .setName(TensorNames.tensorName(callName, 0)).build());
        }
        Map<String, String> added = new TreeMap<>();
        for (Map.Entry<String, SignatureDef> entry : new TreeMap<>(metaGraph.getSignatureDefMap()).entrySet()) {
            String key = entry.getKey();
            if (key.startsWith("__")) {
                continue;
            }
            Optional<Match> match = match(entry.getValue(), candidates);
            if (match.isEmpty()) {
                continue;
            }
            FunctionDef function = library.get(match.get().candidate().name());
            if (function == null) {
                throw LrlabException.model("training-mode function '" + match.get().candidate().name()
                        + "' is not in the graph's library; expected a complete SavedModel");
            }
            String callName = CALL_PREFIX + key.replaceAll("[^A-Za-z0-9_.\\-]", "_");
            builder.getGraphDefBuilder().addNode(callNode(callName, function, match.get(), boundNodes));
            builder.putSignatureDef(trainingSignatureKey(key),
                    hiddenSignature(entry.getValue(), match.get().candidate(), callName, function, penalties));
            added.put(key, trainingSignatureKey(key));
        }
        if (added.isEmpty()) {
            throw LrlabException.model("no signature's inputs match the Keras training-mode function's inputs "
                    + candidates.get(0).inputs().stream().map(InputSpec::name).toList()
                    + "; expected a signature taking the model's own inputs; drop `trainingMode`");
        }
        return new Added(builder.build(), Map.copyOf(added), penalties.size());
    }

    /**
     * What a Keras 3 user can export instead of a training-mode function, for messages: an endpoint that calls the
     * model with {@code training=True} (a signature to train through), or one that returns the loss.
     */
    public static final String KERAS3_TRAINING_HINT = "export a training-mode endpoint with keras.export.ExportArchive "
            + "(track(model), then add_endpoint with fn=lambda x: model(x, training=True)) and train it with "
            + "`signature`, or a loss endpoint for `lossSignature`";

    /**
     * @param metaGraph a SavedModel's meta graph
     * @return whether Keras 3's {@code model.export()} / {@code ExportArchive} wrote it: its root object tracks
     *     {@code _all_variables}, which Keras 2's {@code model.save} and {@code tf.saved_model.save} do not write
     */
    public static boolean isKeras3Export(MetaGraphDef metaGraph) {
        if (!metaGraph.hasObjectGraphDef() || metaGraph.getObjectGraphDef().getNodesCount() == 0) {
            return false;
        }
        return metaGraph.getObjectGraphDef().getNodes(0).getChildrenList().stream()
                .anyMatch(child -> child.getLocalName().equals("_all_variables"));
    }

    /**
     * @param metaGraph a SavedModel's meta graph
     * @return true when it has a Keras training-mode function that {@link #add} can call
     */
    public static boolean available(MetaGraphDef metaGraph) {
        return !trainingFunctions(metaGraph).isEmpty();
    }

    /** A tensor input of a traced call: its name in the input signature and its dtype. */
    record InputSpec(String name, DataType dtype) {
    }

    /** A training-mode concrete function with its flattened inputs and output counts. */
    record Candidate(String name, List<InputSpec> inputs, List<Integer> boundInputs, List<String> outputNames,
            int predictions, int regularizationLosses) {
    }

    private record Match(Candidate candidate, List<String> inputTensors) {
    }

    /** Every training-mode concrete function of the root object's Keras call function. */
    static List<Candidate> trainingFunctions(MetaGraphDef metaGraph) {
        SavedObjectGraph objects = metaGraph.getObjectGraphDef();
        if (objects.getNodesCount() == 0) {
            return List.of();
        }
        Optional<SavedObject> function = callFunction(objects, objects.getNodes(0));
        if (function.isEmpty()) {
            return List.of();
        }
        List<Candidate> result = new ArrayList<>();
        for (String name : function.get().getFunction().getConcreteFunctionsList()) {
            SavedConcreteFunction concrete = objects.getConcreteFunctionsMap().get(name);
            if (concrete == null || !isTraining(concrete.getCanonicalizedInputSignature())) {
                continue;
            }
            List<InputSpec> inputs = new ArrayList<>();
            StructuredValue args = concrete.getCanonicalizedInputSignature();
            flattenSpecs(args, inputs);
            StructuredValue outputs = concrete.getOutputSignature();
            List<InputSpec> predictions = new ArrayList<>();
            List<InputSpec> losses = new ArrayList<>();
            List<String> outputNames = new ArrayList<>();
            if (outputs.hasTupleValue() && outputs.getTupleValue().getValuesCount() == 2) {
                StructuredValue first = outputs.getTupleValue().getValues(0);
                flattenSpecs(first, predictions);
                if (first.hasDictValue()) {
                    outputNames.addAll(new TreeMap<>(first.getDictValue().getFieldsMap()).keySet());
                }
                flattenSpecs(outputs.getTupleValue().getValues(1), losses);
            } else {
                flattenSpecs(outputs, predictions);
            }
            result.add(new Candidate(name, inputs, concrete.getBoundInputsList(), outputNames, predictions.size(),
                    losses.size()));
        }
        return result;
    }

    private static Optional<SavedObject> callFunction(SavedObjectGraph objects, SavedObject root) {
        for (String childName : CALL_FUNCTION_NAMES) {
            for (SavedObject holder : List.of(root, child(objects, root, "keras_api").orElse(root))) {
                Optional<SavedObject> child = child(objects, holder, childName);
                if (child.isPresent() && child.get().hasFunction()) {
                    return child;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<SavedObject> child(SavedObjectGraph objects, SavedObject parent, String name) {
        return parent.getChildrenList().stream().filter(c -> c.getLocalName().equals(name))
                .map(c -> objects.getNodes(c.getNodeId())).findFirst();
    }

    /** True when the call's arguments pass training=True: a positional bool, or the training keyword. */
    static boolean isTraining(StructuredValue signature) {
        if (!signature.hasTupleValue() || signature.getTupleValue().getValuesCount() != 2) {
            return false;
        }
        StructuredValue args = signature.getTupleValue().getValues(0);
        StructuredValue kwargs = signature.getTupleValue().getValues(1);
        if (kwargs.hasDictValue() && kwargs.getDictValue().containsFields("training")) {
            StructuredValue training = kwargs.getDictValue().getFieldsOrThrow("training");
            return training.getKindCase() == StructuredValue.KindCase.BOOL_VALUE && training.getBoolValue();
        }
        if (args.hasTupleValue()) {
            for (StructuredValue value : args.getTupleValue().getValuesList()) {
                if (value.getKindCase() == StructuredValue.KindCase.BOOL_VALUE) {
                    return value.getBoolValue();
                }
            }
        }
        return false;
    }

    /** The tensor specs of a structure in TensorFlow's flattening order (dict keys sorted). */
    private static void flattenSpecs(StructuredValue value, List<InputSpec> out) {
        switch (value.getKindCase()) {
            case TENSOR_SPEC_VALUE -> out.add(new InputSpec(value.getTensorSpecValue().getName(),
                    value.getTensorSpecValue().getDtype()));
            case BOUNDED_TENSOR_SPEC_VALUE -> out.add(new InputSpec(value.getBoundedTensorSpecValue().getName(),
                    value.getBoundedTensorSpecValue().getDtype()));
            case TUPLE_VALUE -> value.getTupleValue().getValuesList().forEach(v -> flattenSpecs(v, out));
            case LIST_VALUE -> value.getListValue().getValuesList().forEach(v -> flattenSpecs(v, out));
            case DICT_VALUE -> new TreeMap<>(value.getDictValue().getFieldsMap()).values()
                    .forEach(v -> flattenSpecs(v, out));
            case NAMED_TUPLE_VALUE -> value.getNamedTupleValue().getValuesList()
                    .forEach(pair -> flattenSpecs(pair.getValue(), out));
            default -> {
            }
        }
    }

    private static Optional<Match> match(SignatureDef signature, List<Candidate> candidates) {
        Map<String, TensorInfo> inputs = new TreeMap<>(signature.getInputsMap());
        Match byOrder = null;
        for (Candidate candidate : candidates) {
            if (candidate.inputs().size() != inputs.size()) {
                continue;
            }
            List<String> byName = new ArrayList<>();
            for (InputSpec spec : candidate.inputs()) {
                TensorInfo info = inputs.get(spec.name());
                if (info != null && info.getDtype() == spec.dtype()) {
                    byName.add(info.getName());
                }
            }
            if (byName.size() == inputs.size()) {
                return Optional.of(new Match(candidate, byName));
            }
            List<TensorInfo> ordered = new ArrayList<>(inputs.values());
            boolean sameTypes = true;
            for (int i = 0; i < ordered.size(); i++) {
                sameTypes &= ordered.get(i).getDtype() == candidate.inputs().get(i).dtype();
            }
            if (sameTypes && byOrder == null) {
                byOrder = new Match(candidate, ordered.stream().map(TensorInfo::getName).toList());
            }
        }
        return Optional.ofNullable(byOrder);
    }

    /**
     * The concrete functions of the model's weight penalties: for every function object listed under a
     * {@code regularization_losses} or {@code layer_regularization_losses} child of any object (each object
     * once, in object-id order), its concrete function that takes no arguments.
     *
     * @param metaGraph a TF2 SavedModel's meta graph
     * @return the concrete function names; empty when the model has no weight penalty
     * @throws LrlabException when a listed penalty has no concrete function without arguments
     */
    static List<String> penaltyFunctions(MetaGraphDef metaGraph) {
        SavedObjectGraph objects = metaGraph.getObjectGraphDef();
        SortedSet<Integer> ids = new TreeSet<>();
        for (SavedObject object : objects.getNodesList()) {
            for (ObjectReference list : object.getChildrenList()) {
                if (!PENALTY_LISTS.contains(list.getLocalName())) {
                    continue;
                }
                for (ObjectReference item : objects.getNodes(list.getNodeId()).getChildrenList()) {
                    if (objects.getNodes(item.getNodeId()).hasFunction()) {
                        ids.add(item.getNodeId());
                    }
                }
            }
        }
        List<String> result = new ArrayList<>();
        for (int id : ids) {
            result.add(objects.getNodes(id).getFunction().getConcreteFunctionsList().stream()
                    .filter(name -> takesNoArguments(objects.getConcreteFunctionsMap().get(name))).findFirst()
                    .orElseThrow(() -> LrlabException.model("weight-penalty function (object " + id + ") has no "
                            + "concrete function without arguments; expected Keras' regularization_losses layout; "
                            + "drop `trainingMode`")));
        }
        return result;
    }

    private static boolean takesNoArguments(SavedConcreteFunction concrete) {
        if (concrete == null) {
            return false;
        }
        List<InputSpec> specs = new ArrayList<>();
        flattenSpecs(concrete.getCanonicalizedInputSignature(), specs);
        return specs.isEmpty();
    }

    /**
     * Graph nodes of the objects a concrete function captures: variable handles, constants, and any other
     * object (a lookup table's resource) that a call node of the saved graph passes as a bound input.
     */
    private static Map<Integer, String> boundNodes(MetaGraphDef metaGraph) {
        Map<Integer, String> nodes = new LinkedHashMap<>();
        ModelVariables.byObjectId(metaGraph).forEach((id, variable) -> nodes.put(id, variable.nodeName()));
        List<SavedObject> objects = metaGraph.getObjectGraphDef().getNodesList();
        for (int id = 0; id < objects.size(); id++) {
            if (objects.get(id).hasConstant()) {
                nodes.put(id, objects.get(id).getConstant().getOperation());
            }
        }
        Map<String, SavedConcreteFunction> concrete = metaGraph.getObjectGraphDef().getConcreteFunctionsMap();
        for (NodeDef node : metaGraph.getGraphDef().getNodeList()) {
            if (!node.getOp().equals("StatefulPartitionedCall") && !node.getOp().equals("PartitionedCall")) {
                continue;
            }
            SavedConcreteFunction called = concrete.get(node.getAttrOrDefault("f", AttrValue.getDefaultInstance())
                    .getFunc().getName());
            List<String> dataInputs = TensorNames.dataInputs(node);
            if (called == null || called.getBoundInputsCount() > dataInputs.size()) {
                continue;
            }
            // the bound inputs are the call's last inputs, in bound_inputs order
            int first = dataInputs.size() - called.getBoundInputsCount();
            for (int i = 0; i < called.getBoundInputsCount(); i++) {
                String input = dataInputs.get(first + i);
                nodes.putIfAbsent(called.getBoundInputs(i), input.endsWith(":0") ? input.substring(0, input.length() - 2)
                        : input);
            }
        }
        return nodes;
    }

    private static NodeDef callNode(String name, FunctionDef function, Match match, Map<Integer, String> boundNodes) {
        Candidate candidate = match.candidate();
        int inputArgs = function.getSignature().getInputArgCount();
        int expected = match.inputTensors().size() + candidate.boundInputs().size();
        if (inputArgs != expected) {
            throw LrlabException.model("training-mode function '" + candidate.name() + "' takes " + inputArgs
                    + " inputs, expected " + expected + " (its tensor inputs and bound inputs); the object graph "
                    + "does not describe this function");
        }
        List<String> inputs = new ArrayList<>(match.inputTensors());
        inputs.addAll(boundInputs("training-mode function", candidate.name(), candidate.boundInputs(), boundNodes));
        return call(name, function, inputs, "training-mode function");
    }

    private static NodeDef penaltyNode(String name, FunctionDef function, List<Integer> bound,
            Map<Integer, String> boundNodes) {
        String functionName = function.getSignature().getName();
        if (function.getSignature().getInputArgCount() != bound.size() || function.getSignature().getOutputArgCount() != 1) {
            throw LrlabException.model("weight-penalty function '" + functionName + "' takes "
                    + function.getSignature().getInputArgCount() + " inputs and returns "
                    + function.getSignature().getOutputArgCount() + " tensors, expected its " + bound.size()
                    + " bound inputs and one scalar; the object graph does not describe this function");
        }
        return call(name, function, boundInputs("weight-penalty function", functionName, bound, boundNodes),
                "weight-penalty function");
    }

    private static List<String> boundInputs(String what, String functionName, List<Integer> bound,
            Map<Integer, String> boundNodes) {
        List<String> inputs = new ArrayList<>();
        for (int id : bound) {
            String node = boundNodes.get(id);
            if (node == null) {
                throw LrlabException.model(what + " '" + functionName + "' captures object " + id + ", which is "
                        + "neither a variable nor a constant of the graph nor an input of its calls; lrlab cannot call "
                        + "it; drop `trainingMode`");
            }
            inputs.add(node);
        }
        return inputs;
    }

    /** A {@code StatefulPartitionedCall} of {@code function} on {@code inputs}, its types from the function. */
    private static NodeDef call(String name, FunctionDef function, List<String> inputs, String what) {
        String functionName = function.getSignature().getName();
        NodeDef.Builder call = NodeDef.newBuilder().setName(name).setOp("StatefulPartitionedCall").addAllInput(inputs);
        AttrValue.ListValue.Builder tin = AttrValue.ListValue.newBuilder();
        function.getSignature().getInputArgList().forEach(arg -> tin.addType(argType(arg, what, functionName)));
        AttrValue.ListValue.Builder tout = AttrValue.ListValue.newBuilder();
        function.getSignature().getOutputArgList().forEach(arg -> tout.addType(argType(arg, what, functionName)));
        return call.putAttr("f", AttrValue.newBuilder().setFunc(NameAttrList.newBuilder()
                        .setName(functionName)).build())
                .putAttr("Tin", AttrValue.newBuilder().setList(tin).build())
                .putAttr("Tout", AttrValue.newBuilder().setList(tout).build())
                .putAttr("config", AttrValue.newBuilder().setS(com.google.protobuf.ByteString.EMPTY).build())
                .putAttr("config_proto", AttrValue.newBuilder().setS(com.google.protobuf.ByteString.EMPTY).build())
                .putAttr("executor_type", AttrValue.newBuilder().setS(com.google.protobuf.ByteString.EMPTY).build())
                .build();
    }

    private static DataType argType(ArgDef arg, String what, String functionName) {
        if (arg.getType() == DataType.DT_INVALID) {
            throw LrlabException.model(what + " '" + functionName + "' has arg '" + arg.getName()
                    + "' without a fixed type; expected a concrete function as tf.function writes it");
        }
        return arg.getType();
    }

    private static SignatureDef hiddenSignature(SignatureDef user, Candidate candidate, String callName,
            FunctionDef function, List<TensorInfo> penalties) {
        int outputCount = function.getSignature().getOutputArgCount();
        if (candidate.predictions() + candidate.regularizationLosses() != outputCount) {
            throw LrlabException.model("training-mode function '" + candidate.name() + "' returns " + outputCount
                    + " tensors, its output signature describes " + (candidate.predictions()
                    + candidate.regularizationLosses()) + "; the object graph does not describe this function");
        }
        SignatureDef.Builder hidden = SignatureDef.newBuilder().setMethodName(user.getMethodName())
                .putAllInputs(user.getInputsMap());
        Map<String, TensorInfo> userOutputs = new TreeMap<>(user.getOutputsMap());
        if (candidate.predictions() == 1 && userOutputs.size() == 1) {
            Map.Entry<String, TensorInfo> only = userOutputs.entrySet().iterator().next();
            hidden.putOutputs(only.getKey(), tensor(only.getValue(), callName, 0));
        } else if (candidate.outputNames().size() == candidate.predictions()
                && candidate.outputNames().containsAll(userOutputs.keySet())) {
            for (int i = 0; i < candidate.outputNames().size(); i++) {
                TensorInfo info = userOutputs.get(candidate.outputNames().get(i));
                if (info != null) {
                    hidden.putOutputs(candidate.outputNames().get(i), tensor(info, callName, i));
                }
            }
        } else {
            throw LrlabException.model("the Keras training-mode function returns " + candidate.predictions()
                    + " outputs that cannot be matched to the signature's outputs " + userOutputs.keySet()
                    + "; `trainingMode` supports one output, or outputs named by a dict");
        }
        for (int i = 0; i < candidate.regularizationLosses(); i++) {
            DataType type = function.getSignature().getOutputArg(candidate.predictions() + i).getType();
            hidden.putOutputs(REGULARIZATION_PREFIX + i, TensorInfo.newBuilder().setDtype(type)
                    .setName(TensorNames.tensorName(callName, candidate.predictions() + i)).build());
        }
        for (int i = 0; i < penalties.size(); i++) {
            hidden.putOutputs(REGULARIZATION_PREFIX + (candidate.regularizationLosses() + i), penalties.get(i));
        }
        return hidden.build();
    }

    private static TensorInfo tensor(TensorInfo like, String callName, int index) {
        return like.toBuilder().setName(TensorNames.tensorName(callName, index)).build();
    }
}
