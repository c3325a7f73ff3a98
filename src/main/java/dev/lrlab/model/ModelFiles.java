package dev.lrlab.model;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.lrlab.LrlabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks a SavedModel folder's files in Java before TensorFlow's C++ loader reads them, so that a truncated or damaged
 * file ends as one error naming it rather than as TensorFlow's message about something else (a truncated
 * {@code saved_model.pb} is reported by the loader as a short read of the checkpoint) or a crash.
 *
 * <ul>
 *   <li>{@code saved_model.pb} must parse as a {@code SavedModel} proto holding at least one meta graph;
 *   <li>{@code variables/variables.index}, when present, must be a whole checkpoint index ({@link CheckpointIndex});
 *   <li>each data shard it names must exist and be long enough for every tensor the index places in it.
 * </ul>
 * The values themselves (their checksums) are left to TensorFlow, whose failures {@link LoadFailures} reports.
 */
final class ModelFiles {
    static final String FIX = "copy the model folder again from where it was saved, or re-export the model";

    private ModelFiles() {
    }

    /**
     * @param directory a folder that holds {@code saved_model.pb} (a {@code saved_model.pbtxt} is left to TensorFlow)
     * @throws LrlabException (model) naming the first file that is truncated or damaged
     */
    static void check(Path directory) {
        Path pb = directory.resolve("saved_model.pb");
        if (Files.isRegularFile(pb)) {
            checkSavedModel(pb);
        }
        Path index = directory.resolve("variables").resolve("variables.index");
        if (Files.isRegularFile(index)) {
            checkCheckpoint(index);
        }
    }

    private static void checkSavedModel(Path pb) {
        org.tensorflow.proto.SavedModel saved;
        try {
            saved = org.tensorflow.proto.SavedModel.parseFrom(Files.readAllBytes(pb));
        } catch (InvalidProtocolBufferException e) {
            throw damaged(pb, "not a SavedModel proto: " + firstSentence(String.valueOf(e.getMessage())), e);
        } catch (IOException e) {
            throw LrlabException.model("cannot read " + pb + ": " + e.getMessage());
        }
        if (saved.getMetaGraphsCount() == 0) {
            throw damaged(pb, Files.isRegularFile(pb) && size(pb) == 0 ? "it is empty" : "it holds no meta graph", null);
        }
    }

    private static void checkCheckpoint(Path index) {
        CheckpointIndex read;
        try {
            read = CheckpointIndex.read(index);
        } catch (CheckpointIndex.DamagedException e) {
            throw damaged(index, e.getMessage(), e);
        } catch (IOException e) {
            throw LrlabException.model("cannot read " + index + ": " + e.getMessage());
        }
        Map<Integer, Long> needed = new HashMap<>();
        for (CheckpointIndex.Entry entry : read.entries()) {
            needed.merge(entry.shard(), entry.end(), Math::max);
        }
        for (int shard = 0; shard < read.shards(); shard++) {
            Path data = index.resolveSibling(String.format("variables.data-%05d-of-%05d", shard, read.shards()));
            if (!Files.isRegularFile(data)) {
                throw LrlabException.model(data + " is missing, so the model's weights cannot be restored; "
                        + "copy the whole variables/ folder of the SavedModel again");
            }
            long length = size(data);
            long expected = needed.getOrDefault(shard, 0L);
            if (length < expected) {
                throw damaged(data, "it holds " + length + " bytes, the index places weights up to byte " + expected, null);
            }
        }
    }

    /** The error for a file that is truncated or damaged. */
    static LrlabException damaged(Path file, String reason, Throwable cause) {
        String line = reason.lines().findFirst().orElse("").strip();
        return new LrlabException(LrlabException.Kind.MODEL, file + " is truncated or damaged (" + line + "); " + FIX,
                cause);
    }

    /** Protobuf's message up to its first full stop: "... ended unexpectedly in the middle of a field". */
    private static String firstSentence(String message) {
        int end = message.indexOf(". ");
        return end > 0 ? message.substring(0, end) : message.endsWith(".") ? message.substring(0, message.length() - 1)
                : message;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw LrlabException.model("cannot read " + file + ": " + e.getMessage());
        }
    }
}
