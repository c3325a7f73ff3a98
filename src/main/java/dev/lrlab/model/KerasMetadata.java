package dev.lrlab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.lrlab.LrlabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code keras_metadata.pb} file a Keras 2 SavedModel carries beside {@code saved_model.pb}: one JSON
 * document per Keras object, the root model's holding its {@code compile()} settings ({@code training_config}).
 *
 * <p>The file is the protobuf {@code SavedMetadata { repeated SavedObject nodes = 1; }} with
 * {@code SavedObject { int32 node_id = 2; string node_path = 3; string identifier = 4; string metadata = 5; }}
 * (keras/protobuf/saved_metadata.proto; field 1, and from Keras 2.9 field 6, hold a {@code VersionDef}, which is
 * skipped). Keras 3 {@code model.export()} writes no such file.
 */
public final class KerasMetadata {
    /** The file's name inside the SavedModel folder. */
    public static final String FILE_NAME = "keras_metadata.pb";

    /**
     * One Keras object.
     *
     * @param nodeId index of the object in the SavedModel's object graph
     * @param path path from the root, e.g. {@code root} or {@code root.layer-1}
     * @param identifier the Keras loader's identifier, e.g. {@code _tf_keras_sequential}
     * @param metadata the object's JSON text
     */
    public record Node(int nodeId, String path, String identifier, String metadata) {
    }

    private final String source;
    private final List<Node> nodes;

    private KerasMetadata(String source, List<Node> nodes) {
        this.source = source;
        this.nodes = List.copyOf(nodes);
    }

    /**
     * @param modelDir a SavedModel folder
     * @return the folder's Keras metadata; empty when it has no {@value #FILE_NAME}
     * @throws LrlabException (MODEL) when the file cannot be read or is not Keras metadata
     */
    public static Optional<KerasMetadata> read(Path modelDir) {
        Path file = modelDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(Files.readAllBytes(file), file.toString()));
        } catch (IOException e) {
            throw LrlabException.model("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * @param bytes the serialized {@code SavedMetadata}
     * @param source the file's name, for messages
     * @return the decoded metadata
     * @throws LrlabException (MODEL) when the bytes are not a {@code SavedMetadata}
     */
    public static KerasMetadata parse(byte[] bytes, String source) {
        List<Node> nodes = new ArrayList<>();
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == 1
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    nodes.add(node(in.readByteArray()));
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
        } catch (IOException e) {
            throw LrlabException.model(source + " is not Keras metadata (" + e.getMessage()
                    + "); delete or replace the file to use the model without its compile settings");
        }
        return new KerasMetadata(source, nodes);
    }

    private static Node node(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        int id = 0;
        String path = "";
        String identifier = "";
        String metadata = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            if (field == 2 && wire == WireFormat.WIRETYPE_VARINT) {
                id = in.readInt32();
            } else if (field >= 3 && field <= 5 && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                String text = in.readStringRequireUtf8();
                switch (field) {
                    case 3 -> path = text;
                    case 4 -> identifier = text;
                    default -> metadata = text;
                }
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        return new Node(id, path, identifier, metadata);
    }

    /** @return the file this was read from */
    public String source() {
        return source;
    }

    /** @return every Keras object, in file order */
    public List<Node> nodes() {
        return nodes;
    }

    /** @return the root model's object ({@code node_path} {@code root}) */
    public Optional<Node> root() {
        return nodes.stream().filter(n -> n.path().equals("root")).findFirst();
    }

    /**
     * @return the root model's {@code compile()} settings; empty when the model was saved without compiling
     * @throws LrlabException (MODEL) when the root's metadata is not JSON
     */
    public Optional<KerasCompileConfig> compileConfig() {
        Optional<Node> root = root();
        if (root.isEmpty() || root.get().metadata().isEmpty()) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(root.get().metadata());
        } catch (IOException e) {
            throw LrlabException.model(source + ": the root model's metadata is not JSON (" + LrlabException.firstLine(e)
                    + "); delete or replace the file to use the model without its compile settings");
        }
        JsonNode training = json.path("training_config");
        if (!training.isObject()) {
            return Optional.empty();
        }
        return Optional.of(KerasCompileConfig.of(training));
    }
}
