package dev.lrlab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SavedObjectGraphOuterClass.FunctionSpec;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedBareConcreteFunction;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedConcreteFunction;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedFunction;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObjectGraph;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedUserObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedVariable;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.Struct.DictValue;
import org.tensorflow.proto.Struct.ListValue;
import org.tensorflow.proto.Struct.NoneValue;
import org.tensorflow.proto.Struct.StructuredValue;
import org.tensorflow.proto.Struct.TensorSpecProto;
import org.tensorflow.proto.Struct.TupleValue;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject.ObjectReference;
import org.tensorflow.types.TFloat32;

/**
 * Writes SavedModels laid out as Keras 2 writes them, built from Java (no Python TensorFlow here): resource
 * variables bound into {@code tf.function}s through {@code DT_RESOURCE} arguments, a {@code serving_default}
 * signature calling the inference function through {@code StatefulPartitionedCall}, and on the root object a
 * {@code call_and_return_all_conditional_losses} function with one concrete function traced with
 * {@code training=True} and one with {@code training=False}, each returning {@code (output, [regularization
 * losses])}. The variables get their values from an init op ({@code __saved_model_init_op}); there is no
 * checkpoint. Weight penalties ({@link Penalty}) are written as Keras writes kernel regularizers: one
 * function without arguments per penalty, capturing its variable and returning {@code l2 * sum(w^2)}, listed
 * under the root's {@code regularization_losses} and again under its {@code keras_api}'s {@code
 * layer_regularization_losses} (the same function object in both lists).
 */
public final class KerasStyleModel {
    /** The serving signature's input and output keys. */
    public static final String INPUT = "inputs";
    public static final String OUTPUT = "output_0";

    /**
     * A variable of the model.
     *
     * @param name its name (and shared name)
     * @param shape its shape
     * @param values its initial values, row-major
     * @param trainable whether it is trainable
     */
    public record Variable(String name, Shape shape, float[] values, boolean trainable) {
    }

    /**
     * An L2 weight penalty, as {@code kernel_regularizer=L2(l2)} writes it.
     *
     * @param variable the name of the penalized variable
     * @param l2 the factor: the penalty is {@code l2 * sum(w^2)}
     */
    public record Penalty(String variable, float l2) {
    }

    /** The forward pass, traced once per mode. */
    public interface Body {
        /**
         * @param tf where to build
         * @param input the model input
         * @param variables the variable handles by name
         * @param training whether this is the training-mode trace
         * @return the output followed by the regularization losses; stateful updates as control inputs of the output
         */
        List<Operand<TFloat32>> build(Ops tf, Operand<TFloat32> input, Map<String, Operand<?>> variables, boolean training);
    }

    private KerasStyleModel() {
    }

    /**
     * @param dir where to write (created)
     * @param inputWidth features per example
     * @param variables the variables
     * @param body the forward pass
     * @return {@code dir}
     * @throws IOException if the file cannot be written
     */
    public static Path write(Path dir, int inputWidth, List<Variable> variables, Body body) throws IOException {
        return write(dir, inputWidth, variables, body, List.of());
    }

    /**
     * @param dir where to write (created)
     * @param inputWidth features per example
     * @param variables the variables
     * @param body the forward pass
     * @param penalties weight penalties, saved as Keras saves regularizers
     * @return {@code dir}
     * @throws IOException if the file cannot be written
     */
    public static Path write(Path dir, int inputWidth, List<Variable> variables, Body body, List<Penalty> penalties)
            throws IOException {
        List<Graph> graphs = new ArrayList<>();
        try {
            List<ConcreteFunction> penaltyFunctions = new ArrayList<>();
            for (Penalty penalty : penalties) {
                penaltyFunctions.add(tracePenalty(graphs, variables, penalty));
            }
            ConcreteFunction training = trace(graphs, inputWidth, variables, body, true, true);
            ConcreteFunction inference = trace(graphs, inputWidth, variables, body, false, true);
            ConcreteFunction serving = trace(graphs, inputWidth, variables, body, false, false);
            int regularizationLosses = training.getFunctionDef().getSignature().getOutputArgCount() - 1;
            Graph outer = new Graph();
            graphs.add(outer);
            outer.attachFunction(training);
            outer.attachFunction(inference);
            outer.attachFunction(serving);
            penaltyFunctions.forEach(outer::attachFunction);
            Ops tf = Ops.create(outer);
            Placeholder<TFloat32> input = tf.withName("serving_default_" + INPUT).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, inputWidth)));
            List<Op> inits = new ArrayList<>();
            List<Operand<?>> handles = new ArrayList<>();
            for (Variable variable : variables) {
                Operand<?> handle = outer.opBuilder("VarHandleOp", variable.name(), tf.scope())
                        .setAttr("dtype", DataType.DT_FLOAT).setAttr("shape", variable.shape())
                        .setAttr("shared_name", variable.name()).setAttr("container", "").build().output(0);
                handles.add(handle);
                inits.add(tf.assignVariableOp(handle, tf.constant(variable.shape(),
                        DataBuffers.of(variable.values(), true, false))));
            }
            tf.withName("init").withControlDependencies(inits).noOp();
            DataType[] tin = new DataType[variables.size() + 1];
            tin[0] = DataType.DT_FLOAT;
            for (int i = 1; i < tin.length; i++) {
                tin[i] = DataType.DT_RESOURCE;
            }
            org.tensorflow.Output<?>[] args = new org.tensorflow.Output<?>[handles.size() + 1];
            args[0] = input.asOutput();
            for (int i = 0; i < handles.size(); i++) {
                args[i + 1] = handles.get(i).asOutput();
            }
            outer.opBuilder("StatefulPartitionedCall", "StatefulPartitionedCall", tf.scope()).addInputList(args)
                    .setAttr("f", serving).setAttr("Tin", tin).setAttr("Tout", new DataType[] {DataType.DT_FLOAT})
                    .setAttr("config", "").setAttr("config_proto", "").setAttr("executor_type", "").build();

            MetaGraphDef meta = MetaGraphDef.newBuilder()
                    .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags("serve"))
                    .setGraphDef(outer.toGraphDef())
                    .putSignatureDef("serving_default", SignatureDef.newBuilder()
                            .setMethodName("tensorflow/serving/predict")
                            .putInputs(INPUT, info("serving_default_" + INPUT + ":0", -1, inputWidth))
                            .putOutputs(OUTPUT, info("StatefulPartitionedCall:0", -1, 1)).build())
                    .putSignatureDef("__saved_model_init_op", SignatureDef.newBuilder()
                            .putOutputs("__saved_model_init_op", TensorInfo.newBuilder().setName("init").build()).build())
                    .setObjectGraphDef(objectGraph(variables, inputWidth, name(training), name(inference), name(serving),
                            regularizationLosses, penalties, penaltyFunctions.stream().map(KerasStyleModel::name).toList()))
                    .build();
            Files.createDirectories(dir);
            Files.write(dir.resolve("saved_model.pb"), SavedModel.newBuilder().setSavedModelSchemaVersion(1)
                    .addMetaGraphs(meta).build().toByteArray());
            return dir;
        } finally {
            for (int i = graphs.size() - 1; i >= 0; i--) {
                graphs.get(i).close();
            }
        }
    }

    private static String name(ConcreteFunction function) {
        return function.getFunctionDef().getSignature().getName();
    }

    private static ConcreteFunction trace(List<Graph> graphs, int inputWidth, List<Variable> variables, Body body,
            boolean training, boolean withLosses) {
        Graph graph = new Graph();
        graphs.add(graph);
        Ops tf = Ops.create(graph);
        Placeholder<TFloat32> input = tf.withName(INPUT).placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, inputWidth)));
        Map<String, Operand<?>> handles = new LinkedHashMap<>();
        Signature.Builder signature = Signature.builder(training ? "keras_training" : withLosses ? "keras_inference"
                : "signature_wrapper").input(INPUT, input);
        for (Variable variable : variables) {
            GraphOperation handle = (GraphOperation) graph.opBuilder("Placeholder",
                    variable.name().replace('/', '_').toLowerCase(java.util.Locale.ROOT) + "_resource", tf.scope())
                    .setAttr("dtype", DataType.DT_RESOURCE).setAttr("shape", Shape.scalar()).build();
            handles.put(variable.name(), handle.output(0));
            signature.input(variable.name(), handle.output(0));
        }
        List<Operand<TFloat32>> outputs = body.build(tf, input, handles, training);
        signature.output("output_0", tf.withName("Identity").identity(outputs.get(0)));
        if (withLosses) {
            for (int i = 1; i < outputs.size(); i++) {
                signature.output("output_" + i, tf.identity(outputs.get(i)));
            }
        }
        return ConcreteFunction.create(signature.build(), graph);
    }

    /** A function of the penalized variable's handle alone, as Keras traces a regularizer with input_signature=[]. */
    private static ConcreteFunction tracePenalty(List<Graph> graphs, List<Variable> variables, Penalty penalty) {
        variables.stream().filter(v -> v.name().equals(penalty.variable())).findFirst().orElseThrow();
        Graph graph = new Graph();
        graphs.add(graph);
        Ops tf = Ops.create(graph);
        GraphOperation handle = (GraphOperation) graph.opBuilder("Placeholder", "kernel_regularizer_resource", tf.scope())
                .setAttr("dtype", DataType.DT_RESOURCE).setAttr("shape", Shape.scalar()).build();
        Operand<TFloat32> w = tf.readVariableOp(handle.output(0), TFloat32.class);
        Operand<TFloat32> penaltyValue = tf.math.mul(tf.constant(penalty.l2()), tf.reduceSum(tf.math.square(w),
                tf.range(tf.constant(0), tf.rank(w), tf.constant(1))));
        return ConcreteFunction.create(Signature.builder("loss_fn_" + penalty.variable().replaceAll("[^A-Za-z0-9]", "_"))
                .input("resource", handle.output(0)).output("output_0", tf.withName("Identity").identity(penaltyValue))
                .build(), graph);
    }

    private static TensorInfo info(String name, long... dims) {
        return TensorInfo.newBuilder().setName(name).setDtype(DataType.DT_FLOAT).setTensorShape(shape(dims)).build();
    }

    private static TensorShapeProto shape(long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long dim : dims) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(dim));
        }
        return shape.build();
    }

    private static StructuredValue spec(String name, long... dims) {
        return StructuredValue.newBuilder().setTensorSpecValue(TensorSpecProto.newBuilder().setName(name)
                .setShape(shape(dims)).setDtype(DataType.DT_FLOAT)).build();
    }

    private static StructuredValue tuple(StructuredValue... values) {
        return StructuredValue.newBuilder().setTupleValue(TupleValue.newBuilder().addAllValues(List.of(values))).build();
    }

    private static SavedConcreteFunction callFunction(List<Integer> bound, int inputWidth, boolean training,
            int regularizationLosses) {
        ListValue.Builder losses = ListValue.newBuilder();
        for (int i = 0; i < regularizationLosses; i++) {
            losses.addValues(spec(Integer.toString(i + 1)));
        }
        return SavedConcreteFunction.newBuilder().addAllBoundInputs(bound)
                .setCanonicalizedInputSignature(tuple(
                        tuple(spec(INPUT, -1, inputWidth), StructuredValue.newBuilder().setBoolValue(training).build(),
                                StructuredValue.newBuilder().setNoneValue(NoneValue.getDefaultInstance()).build()),
                        StructuredValue.newBuilder().setDictValue(DictValue.getDefaultInstance()).build()))
                .setOutputSignature(tuple(spec("0", -1, 1), StructuredValue.newBuilder().setListValue(losses).build()))
                .build();
    }

    private static SavedObjectGraph objectGraph(List<Variable> variables, int inputWidth, String training, String inference,
            String serving, int regularizationLosses, List<Penalty> penalties, List<String> penaltyFunctions) {
        int functionId = variables.size() + 1;
        int signaturesId = functionId + 1;
        int servingId = signaturesId + 1;
        int penaltyListId = servingId + 1;
        int kerasApiId = penaltyListId + 1;
        int firstPenaltyId = kerasApiId + 1;
        SavedObject.Builder root = SavedObject.newBuilder()
                .setUserObject(SavedUserObject.newBuilder().setIdentifier("_tf_keras_model"));
        List<Integer> bound = new ArrayList<>();
        SavedObjectGraph.Builder graph = SavedObjectGraph.newBuilder();
        for (int i = 0; i < variables.size(); i++) {
            bound.add(i + 1);
            root.addChildren(child(variables.get(i).name(), i + 1));
        }
        root.addChildren(child("call_and_return_all_conditional_losses", functionId));
        root.addChildren(child("signatures", signaturesId));
        if (!penalties.isEmpty()) {
            root.addChildren(child("regularization_losses", penaltyListId));
            root.addChildren(child("keras_api", kerasApiId));
        }
        graph.addNodes(root);
        for (Variable variable : variables) {
            TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
            for (long dim : variable.shape().asArray()) {
                shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(dim));
            }
            graph.addNodes(SavedObject.newBuilder().setVariable(SavedVariable.newBuilder().setDtype(DataType.DT_FLOAT)
                    .setShape(shape).setTrainable(variable.trainable()).setName(variable.name())));
        }
        graph.addNodes(SavedObject.newBuilder().setFunction(SavedFunction.newBuilder()
                .addConcreteFunctions(inference).addConcreteFunctions(training)
                .setFunctionSpec(FunctionSpec.getDefaultInstance())));
        graph.addNodes(SavedObject.newBuilder()
                .setUserObject(SavedUserObject.newBuilder().setIdentifier("signature_map"))
                .addChildren(child("serving_default", servingId)));
        graph.addNodes(SavedObject.newBuilder().setBareConcreteFunction(SavedBareConcreteFunction.newBuilder()
                .setConcreteFunctionName(serving)));
        if (!penalties.isEmpty()) {
            SavedObject.Builder list = SavedObject.newBuilder()
                    .setUserObject(SavedUserObject.newBuilder().setIdentifier("trackable_list_wrapper"));
            for (int i = 0; i < penalties.size(); i++) {
                list.addChildren(child(Integer.toString(i), firstPenaltyId + i));
            }
            graph.addNodes(list);
            graph.addNodes(SavedObject.newBuilder()
                    .setUserObject(SavedUserObject.newBuilder().setIdentifier("_generic_user_object"))
                    .addChildren(child("regularization_losses", penaltyListId))
                    .addChildren(child("layer_regularization_losses", penaltyListId)));
            for (int i = 0; i < penalties.size(); i++) {
                graph.addNodes(SavedObject.newBuilder().setFunction(SavedFunction.newBuilder()
                        .addConcreteFunctions(penaltyFunctions.get(i)).setFunctionSpec(FunctionSpec.getDefaultInstance())));
                int variableId = 1 + variables.stream().map(Variable::name).toList().indexOf(penalties.get(i).variable());
                graph.putConcreteFunctions(penaltyFunctions.get(i), SavedConcreteFunction.newBuilder()
                        .addBoundInputs(variableId)
                        .setCanonicalizedInputSignature(tuple(tuple(),
                                StructuredValue.newBuilder().setDictValue(DictValue.getDefaultInstance()).build()))
                        .setOutputSignature(StructuredValue.newBuilder().setTensorSpecValue(TensorSpecProto.newBuilder()
                                .setShape(TensorShapeProto.getDefaultInstance()).setDtype(DataType.DT_FLOAT)))
                        .build());
            }
        }
        graph.putConcreteFunctions(training, callFunction(bound, inputWidth, true, regularizationLosses));
        graph.putConcreteFunctions(inference, callFunction(bound, inputWidth, false, regularizationLosses));
        graph.putConcreteFunctions(serving, SavedConcreteFunction.newBuilder().addAllBoundInputs(bound).build());
        return graph.build();
    }

    private static ObjectReference child(String name, int id) {
        return ObjectReference.newBuilder().setLocalName(name).setNodeId(id).build();
    }
}
