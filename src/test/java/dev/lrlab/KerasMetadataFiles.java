package dev.lrlab;

import com.google.protobuf.CodedOutputStream;
import dev.lrlab.model.KerasMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code keras_metadata.pb} files for tests, in the protobuf wire format Keras uses
 * ({@code SavedMetadata { repeated SavedObject nodes = 1; }}, {@code SavedObject { VersionDef version = 1 (before
 * Keras 2.9) or 6; int32 node_id = 2; string node_path = 3; string identifier = 4; string metadata = 5; }}).
 */
public final class KerasMetadataFiles {
    private KerasMetadataFiles() {
    }

    /**
     * @param trainingConfig the root model's {@code training_config} as JSON text
     * @return a file with a layer node and a root node whose metadata holds that config, each with a version
     */
    public static byte[] withTrainingConfig(String trainingConfig) {
        return metadata(node(1, "root.layer-0", "_tf_keras_layer", "{\"name\": \"dense\"}", 6),
                node(0, "root", "_tf_keras_sequential", "{\"class_name\": \"Sequential\", \"training_config\": "
                        + trainingConfig + "}", 1));
    }

    /**
     * @param modelDir a SavedModel folder
     * @param trainingConfig the root model's {@code training_config} as JSON text
     * @return the file written into the folder
     */
    public static Path write(Path modelDir, String trainingConfig) throws IOException {
        return Files.write(modelDir.resolve(KerasMetadata.FILE_NAME), withTrainingConfig(trainingConfig));
    }

    /** @return a serialized {@code SavedMetadata} of these serialized nodes */
    public static byte[] metadata(byte[]... nodes) {
        return bytes(out -> {
            for (byte[] node : nodes) {
                out.writeByteArray(1, node);
            }
        });
    }

    /**
     * @param versionField where the {@code VersionDef} goes: 1 (old Keras), 6 (Keras 2.9+) or 0 for none
     * @return a serialized {@code SavedObject}
     */
    public static byte[] node(int nodeId, String path, String identifier, String metadata, int versionField) {
        return bytes(out -> {
            if (versionField > 0) {
                out.writeByteArray(versionField, bytes(version -> {
                    version.writeInt32(1, 1); // producer
                    version.writeInt32(2, 1); // min_consumer
                }));
            }
            if (nodeId != 0) {
                out.writeInt32(2, nodeId);
            }
            out.writeString(3, path);
            out.writeString(4, identifier);
            out.writeString(5, metadata);
        });
    }

    private interface Writes {
        void to(CodedOutputStream out) throws IOException;
    }

    private static byte[] bytes(Writes writes) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(buffer);
        try {
            writes.to(out);
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
