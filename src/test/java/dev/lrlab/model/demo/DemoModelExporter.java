package dev.lrlab.model.demo;

import com.google.protobuf.CodedOutputStream;
import dev.lrlab.Directories;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.proto.SavedModel;

/**
 * Writes a {@link DemoModelSpec} as a SavedModel (tag {@code serve}): {@code saved_model.pb} with
 * the graph, a {@code saver_def} ({@code save/filename:0}, {@code save/control_dependency},
 * {@code save/restore_all}) and the {@code serving_default} signature, and
 * {@code variables/variables.{index,data-00000-of-00001}} holding the initial weights.
 */
public final class DemoModelExporter {

    private DemoModelExporter() {
    }

    /**
     * Builds and exports one model. An existing {@code saved_model.pb} and {@code variables/} in
     * {@code dir} are replaced; other files there are left alone.
     *
     * @param spec the model
     * @param dir the SavedModel folder to write, created if missing
     * @throws IOException if the folder cannot be written
     */
    public static void export(DemoModelSpec spec, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("saved_model.pb"));
        Directories.deleteRecursively(dir.resolve("variables"));
        try (Graph graph = new Graph()) {
            Signature signature = DemoGraph.build(graph, spec);
            try (Session session = new Session(graph)) {
                session.initialize();
                SavedModelBundle.exporter(dir.toString())
                        .withTags(SavedModelBundle.DEFAULT_TAG)
                        .withSession(session)
                        .withSignature(signature)
                        .export();
            }
        }
        rewriteDeterministically(dir.resolve("saved_model.pb"));
    }

    /**
     * TensorFlow's native code serializes a node's attribute map in hash order, which changes from
     * run to run; writing the proto again with deterministic serialization sorts map entries by
     * key, so the same model always gives the same bytes.
     */
    private static void rewriteDeterministically(Path savedModelPb) throws IOException {
        SavedModel savedModel = SavedModel.parseFrom(Files.readAllBytes(savedModelPb));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(savedModel.getSerializedSize());
        CodedOutputStream coded = CodedOutputStream.newInstance(bytes);
        coded.useDeterministicSerialization();
        savedModel.writeTo(coded);
        coded.flush();
        Files.write(savedModelPb, bytes.toByteArray());
    }
}
