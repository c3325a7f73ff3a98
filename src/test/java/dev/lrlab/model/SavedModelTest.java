package dev.lrlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LearningPhaseModel;
import dev.lrlab.LrlabException;
import dev.lrlab.model.inline.LearningPhaseRewrite;
import dev.lrlab.train.OptimizerConfig;
import dev.lrlab.train.OptimizerKind;
import dev.lrlab.train.StepEngine;
import dev.lrlab.train.TrainingSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class SavedModelTest {
    @TempDir
    static Path temp;
    private static Path learningPhase;

    /** One row x = (1, 1), label 0, for the learning-phase model: y = 3 + 0.5 in inference, 2 * 3 + 0.5 in training. */
    private static final float[] X = {1f, 1f};
    private static final float[] LABEL = {0f};

    @BeforeAll
    static void export() throws IOException {
        learningPhase = LearningPhaseModel.export(temp.resolve("learning_phase"));
    }

    @Test
    void aTf1KerasGraphLoadsInTheInferencePhaseWithTheFalseBranchsNumbers() {
        try (SavedModel model = SavedModel.load(learningPhase)) {
            assertEquals(3.5f, predict(model), 0f);
            ModelDescription description = ModelDescription.of(model);
            ModelDescription.OutputDescription y = description.signatures().get(0).outputs().get(0);
            assertTrue(y.trainable(), y.blocker());
            assertEquals(List.of("dense/kernel", "dense/bias"), y.trainableVariables());
            assertTrue(description.graphUsed().startsWith("the graph with its Keras learning phase set to inference"),
                    description.graphUsed());
            assertTrue(description.kerasTrainingMode().startsWith("available (`trainingMode`"));
        }
    }

    @Test
    void trainingModeSelectsTheTrueBranchAndOneSgdStepFollowsItsGradient() {
        try (SavedModel model = SavedModel.load(learningPhase, LoadMode.TRAINING)) {
            assertEquals(6.5f, predict(model), 0f);
            StepEngine engine = StepEngine.build(model, model.signature(LearningPhaseModel.SIGNATURE), mse());
            // pred = 2 (x.w) + b = 6.5, loss 42.25; dL/dpred = 13, so w -= 0.1 * 13 * 2 * x, b -= 0.1 * 13:
            // w = (-1.6, -0.6), b = -0.8, pred = 2 * -2.2 - 0.8 = -5.2, loss 27.04
            assertEquals(42.25f, engine.step(X, LABEL, 1, 0.1, 0).loss(), 1e-4);
            assertEquals(27.04f, engine.step(X, LABEL, 1, 0.1, 0).loss(), 1e-4);
        }
    }

    @Test
    void inferenceTrainsThroughTheIdentityBranch() {
        try (SavedModel model = SavedModel.load(learningPhase)) {
            StepEngine engine = StepEngine.build(model, model.signature(LearningPhaseModel.SIGNATURE), mse());
            // pred = 3.5, loss 12.25; dL/dpred = 7: w = (0.3, 1.3), b = -0.2, pred = 1.4, loss 1.96
            assertEquals(12.25f, engine.step(X, LABEL, 1, 0.1, 0).loss(), 1e-4);
            assertEquals(1.96f, engine.step(X, LABEL, 1, 0.1, 0).loss(), 1e-4);
        }
    }

    @Test
    void theGraphAsSavedIsDescribedAsBlockedAtTheCondWithNodeAndOp() {
        try (SavedModel model = SavedModel.load(learningPhase, LoadMode.AS_SAVED)) {
            ModelDescription.OutputDescription y = ModelDescription.of(model).signatures().get(0).outputs().get(0);
            assertFalse(y.trainable());
            assertEquals("no gradient for a TF1 tf.cond (Switch; lrlab resolves only the Keras learning phase's) at node "
                    + "dropout/cond/mul/Switch, a TF1 tf.cond (Switch; lrlab resolves only the Keras learning phase's) "
                    + "at node dropout/cond/Identity/Switch (and 1 more such nodes); export a train or loss signature "
                    + "(docs/tf2-and-keras.md)", y.blocker());
        }
    }

    @Test
    void aTf1GraphWithResourceGatherIsRewrittenSoItsEmbeddingTrains() throws IOException {
        Path dir = resourceGatherModel(temp.resolve("gather"));
        try (SavedModel model = SavedModel.load(dir)) {
            assertTrue(model.graphDef().getNodeList().stream().noneMatch(n -> n.getOp().equals("ResourceGather")));
            ModelDescription.OutputDescription y = ModelDescription.of(model).signatures().get(0).outputs().get(0);
            assertTrue(y.trainable(), y.blocker());
            assertEquals(List.of("table"), y.trainableVariables());
            try (TInt32 ids = TInt32.vectorOf(2, 0); var result = model.session().runner().feed("ids", ids).fetch("y")
                    .run()) {
                float[][] values = StdArrays.array2dCopyOf((TFloat32) result.get(0));
                assertEquals(List.of(3f, 1f), List.of(values[0][0], values[1][0]));
            }
        }
    }

    @Test
    void aMissingVariablesFolderIsAModelErrorNamingIt() throws IOException {
        Path dir = copyOfDemoModel("no_variables");
        deleteTree(dir.resolve("variables"));
        LrlabException e = assertThrows(LrlabException.class, () -> SavedModel.load(dir));
        assertEquals(LrlabException.Kind.MODEL, e.kind());
        assertEquals(dir + " has no variables/ folder, which holds the model's weights (variables.index and "
                + "variables.data-*); copy the whole SavedModel folder, variables/ included", e.getMessage());
    }

    @Test
    void aDamagedIndexIsAModelErrorNamingTheFile() throws IOException {
        Path dir = copyOfDemoModel("bad_index");
        Path index = dir.resolve("variables/variables.index");
        byte[] bytes = Files.readAllBytes(index);
        Files.write(index, Arrays.copyOf(bytes, bytes.length - 1));
        assertModelError(index + " is truncated or damaged (no table footer at its end); " + ModelFiles.FIX,
                () -> SavedModel.load(dir));
    }

    @Test
    void aTruncatedDataFileIsAModelErrorNamingTheFile() throws IOException {
        Path dir = copyOfDemoModel("bad_data");
        Path data = dir.resolve("variables/variables.data-00000-of-00001");
        byte[] bytes = Files.readAllBytes(data);
        Files.write(data, Arrays.copyOf(bytes, bytes.length / 2));
        // models/logistic holds 31 floats: the kernel [30,1] and the bias [1], 124 bytes
        assertModelError(data + " is truncated or damaged (it holds 62 bytes, the index places weights up to byte 124); "
                + ModelFiles.FIX, () -> SavedModel.load(dir));
    }

    /** Regression: TensorFlow blamed a short read of the data shard for a saved_model.pb cut in half. */
    @Test
    void aTruncatedSavedModelPbIsAModelErrorNamingItNotTheCheckpoint() throws IOException {
        Path dir = copyOfDemoModel("half_pb");
        Path pb = dir.resolve("saved_model.pb");
        byte[] bytes = Files.readAllBytes(pb);
        Files.write(pb, Arrays.copyOf(bytes, bytes.length / 2));
        assertModelError(pb + " is truncated or damaged (not a SavedModel proto: While parsing a protocol message, the input"
                + " ended unexpectedly in the middle of a field); " + ModelFiles.FIX, () -> SavedModel.load(dir));
    }

    /** Regression: an empty saved_model.pb parsed as a SavedModel without meta graphs: "no meta graph matching serve". */
    @Test
    void anEmptySavedModelPbIsAModelErrorNamingIt() throws IOException {
        Path dir = copyOfDemoModel("empty_pb");
        Path pb = Files.write(dir.resolve("saved_model.pb"), new byte[0]);
        assertModelError(pb + " is truncated or damaged (it is empty); " + ModelFiles.FIX, () -> SavedModel.load(dir));
    }

    /** Regression: a flipped bit inside the index's data block gave "the saved graph is malformed" about the folder. */
    @Test
    void aFlippedBitInTheIndexIsAModelErrorNamingTheIndex() throws IOException {
        Path dir = copyOfDemoModel("flipped_index");
        Path index = dir.resolve("variables/variables.index");
        byte[] bytes = Files.readAllBytes(index);
        bytes[14] ^= 1; // inside the first (data) block, which starts at byte 0
        Files.write(index, bytes);
        assertModelError(index + " is truncated or damaged (the data block at 0 fails its checksum); " + ModelFiles.FIX,
                () -> SavedModel.load(dir));
    }

    @Test
    void aMissingDataShardIsAModelErrorNamingIt() throws IOException {
        Path dir = copyOfDemoModel("no_shard");
        Path data = dir.resolve("variables/variables.data-00000-of-00001");
        Files.delete(data);
        assertModelError(data + " is missing, so the model's weights cannot be restored; copy the whole variables/ folder"
                + " of the SavedModel again", () -> SavedModel.load(dir));
    }

    /** Regression: a model path naming a file (often saved_model.pb itself) was reported as "does not exist". */
    @Test
    void aModelPathThatIsAFileSaysSo() throws IOException {
        Path dir = copyOfDemoModel("file_path");
        Path pb = dir.resolve("saved_model.pb");
        assertModelError(pb + " is a file; MODEL_DIR must be the SavedModel folder that holds saved_model.pb (here "
                + dir.toAbsolutePath() + ")", () -> SavedModel.load(pb));
        Path other = Files.writeString(temp.resolve("model.h5"), "not a model");
        assertModelError(other + " is a file; MODEL_DIR must be the SavedModel folder that holds saved_model.pb",
                () -> SavedModel.load(other));
    }

    private static void assertModelError(String message, org.junit.jupiter.api.function.Executable load) {
        LrlabException e = assertThrows(LrlabException.class, load);
        assertEquals(LrlabException.Kind.MODEL, e.kind());
        assertEquals(message, e.getMessage());
    }

    @Test
    void anOpThisTensorFlowLacksSaysWhatKindOfModelItIs() throws IOException {
        Path dir = copyOfDemoModel("forest");
        Path pb = dir.resolve("saved_model.pb");
        var saved = org.tensorflow.proto.SavedModel.parseFrom(Files.readAllBytes(pb));
        var meta = saved.getMetaGraphs(0).toBuilder();
        meta.getGraphDefBuilder().addNode(NodeDef.newBuilder().setName("inference_op")
                .setOp("SimpleMLInferenceOpWithHandle"));
        Files.write(pb, saved.toBuilder().setMetaGraphs(0, meta).build().toByteArray());
        LrlabException e = assertThrows(LrlabException.class, () -> SavedModel.load(dir));
        assertEquals(LrlabException.Kind.MODEL, e.kind());
        assertEquals(dir + " needs op SimpleMLInferenceOpWithHandle, which this TensorFlow (the one bundled with lrlab) "
                + "lacks: it is a TensorFlow Decision Forests model (a tree ensemble, which has no gradients to train); "
                + "lrlab cannot load it (export the trainable part, such as the Keras layers, as a SavedModel of "
                + "standard ops)", e.getMessage());
    }

    @Test
    void kindsOfModelsByTheirMissingOp() {
        assertEquals("it uses TensorFlow Text, whose ops are a separate library",
                LoadFailures.kindOfModel("SentencepieceOp"));
        assertEquals("it is a model with a custom op from a TensorFlow extension library",
                LoadFailures.kindOfModel("MyZeroOut"));
    }

    @Test
    void theLearningPhaseConstantReplacesThePlaceholder() {
        try (SavedModel model = SavedModel.load(learningPhase, LoadMode.TRAINING)) {
            NodeDef phase = model.graphDef().getNodeList().stream()
                    .filter(n -> n.getName().equals(LearningPhaseRewrite.PHASE_NODE)).findFirst().orElseThrow();
            assertEquals("Const", phase.getOp());
        }
    }

    /**
     * A TF1 graph as an estimator with a resource-variable embedding writes it: {@code y = ResourceGather(table, ids)}
     * for a {@code VarHandleOp} {@code table} [3,1] = {1, 2, 3}, with its own saver ({@code SavedModelBundle.exporter}
     * saves {@code VariableV2}s only), written out as {@code saved_model.pb} and a checkpoint.
     */
    private static Path resourceGatherModel(Path dir) throws IOException {
        try (org.tensorflow.Graph graph = new org.tensorflow.Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<TInt32> ids = tf.withName("ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            VarHandleOp table = tf.withName("table").varHandleOp(TFloat32.class, Shape.of(3, 1),
                    VarHandleOp.sharedName("table"));
            var init = tf.withName("table_init").assignVariableOp(table, tf.constant(new float[][] {{1f}, {2f}, {3f}}));
            tf.withName("y").identity(tf.withName("lookup").resourceGather(table, ids, TFloat32.class));
            Ops save = tf.withSubScope("save");
            var filename = save.withName("filename").placeholder(org.tensorflow.types.TString.class);
            var names = save.array("table");
            var slices = save.array("");
            var write = save.withName("SaveV2").train.save(filename, names, slices,
                    List.<org.tensorflow.Operand<?>>of(save.readVariableOp(table, TFloat32.class)));
            save.withControlDependencies(List.of(write)).withName("control_dependency").identity(filename);
            var restored = save.train.restore(filename, names, slices, List.<Class<? extends org.tensorflow.types.family.TType>>of(TFloat32.class));
            var assign = save.assignVariableOp(table, restored.tensors().get(0));
            save.withControlDependencies(List.of(assign)).withName("restore_all").noOp();
            session.runner().addTarget(init).run().close();
            Files.createDirectories(dir.resolve("variables"));
            try (var prefix = org.tensorflow.types.TString.scalarOf(dir.resolve("variables/variables").toString())) {
                session.runner().feed(filename, prefix).addTarget(write).run().close();
            }
            var meta = org.tensorflow.proto.MetaGraphDef.newBuilder()
                    .setMetaInfoDef(org.tensorflow.proto.MetaGraphDef.MetaInfoDef.newBuilder().addTags("serve"))
                    .setGraphDef(graph.toGraphDef())
                    .setSaverDef(org.tensorflow.proto.SaverDef.newBuilder().setFilenameTensorName("save/filename:0")
                            .setSaveTensorName("save/control_dependency:0").setRestoreOpName("save/restore_all"))
                    .putSignatureDef("serving_default", org.tensorflow.proto.SignatureDef.newBuilder()
                            .setMethodName("tensorflow/serving/predict")
                            .putInputs("ids", tensorInfo("ids:0", org.tensorflow.proto.DataType.DT_INT32, -1))
                            .putOutputs("y", tensorInfo("y:0", org.tensorflow.proto.DataType.DT_FLOAT, -1, 1)).build());
            Files.write(dir.resolve("saved_model.pb"), org.tensorflow.proto.SavedModel.newBuilder()
                    .setSavedModelSchemaVersion(1).addMetaGraphs(meta).build().toByteArray());
            return dir;
        }
    }

    private static org.tensorflow.proto.TensorInfo tensorInfo(String name, org.tensorflow.proto.DataType type,
            long... dims) {
        var shape = org.tensorflow.proto.TensorShapeProto.newBuilder();
        for (long dim : dims) {
            shape.addDim(org.tensorflow.proto.TensorShapeProto.Dim.newBuilder().setSize(dim));
        }
        return org.tensorflow.proto.TensorInfo.newBuilder().setName(name).setDtype(type).setTensorShape(shape).build();
    }

    private static float predict(SavedModel model) {
        try (TFloat32 x = TFloat32.tensorOf(Shape.of(1, 2), d -> d.setFloat(1f, 0, 0).setFloat(1f, 0, 1));
                var result = model.session().runner().feed("x", x).fetch("y").run()) {
            return ((TFloat32) result.get(0)).getFloat(0, 0);
        }
    }

    private static TrainingSetup mse() {
        return new TrainingSetup(LearningPhaseModel.SIGNATURE, ObjectiveSpec.builder().optLossKind(LossKind.MSE).build(),
                OptimizerConfig.of(OptimizerKind.SGD), List.of("a", "b"));
    }

    /** A copy of the bundled demo model {@code models/logistic}, to break. */
    private static Path copyOfDemoModel(String name) throws IOException {
        return dev.lrlab.TestFolders.copy(Path.of("models/logistic"), temp.resolve(name));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
