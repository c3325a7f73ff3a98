package dev.lrlab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;

/**
 * The Hadoop path of {@link ModelCopy}: a folder named by a URI of a file system other than {@code file:} is copied
 * through Hadoop's {@code FileSystem} to the task's disk and deleted on close. {@link OtherScheme} is the local disk
 * under the scheme {@code lrlab-test:}, so the copy runs here as it would from {@code hdfs:} or {@code s3a:}.
 */
class ModelCopyTest {
    private static final Path MODEL = Path.of("models/digits-mlp").toAbsolutePath();

    private static Configuration hadoop() {
        Configuration conf = new Configuration();
        conf.setClass("fs.lrlab-test.impl", OtherScheme.class, org.apache.hadoop.fs.FileSystem.class);
        conf.setBoolean("fs.lrlab-test.impl.disable.cache", true);
        return conf;
    }

    @Test
    void aHadoopUrisFolderIsCopiedToLocalDiskAndDeletedOnClose() throws Exception {
        Path copied;
        try (ModelCopy copy = ModelCopy.of("lrlab-test://" + MODEL, hadoop())) {
            copied = copy.path();
            assertNotEquals(MODEL, copied);
            assertEquals("digits-mlp", copied.getFileName().toString());
            assertArrayEquals(Files.readAllBytes(MODEL.resolve("saved_model.pb")),
                    Files.readAllBytes(copied.resolve("saved_model.pb")));
            assertArrayEquals(Files.readAllBytes(MODEL.resolve("variables/variables.index")),
                    Files.readAllBytes(copied.resolve("variables/variables.index")));
        }
        assertFalse(Files.exists(copied), "the copy is deleted");
        assertFalse(Files.exists(copied.getParent()), "with its temporary folder");
    }

    @Test
    void localPathsAndFileUrisAreReadInPlace() {
        try (ModelCopy plain = ModelCopy.of(MODEL.toString()); ModelCopy file = ModelCopy.of(MODEL.toUri().toString())) {
            assertEquals(MODEL, plain.path());
            assertEquals(MODEL, file.path());
        }
        assertTrue(Files.exists(MODEL), "closing never deletes a model read in place");
    }

    @Test
    void aFolderThatCannotBeCopiedIsAModelErrorNamingTheUri() {
        String missing = "lrlab-test://" + MODEL.resolveSibling("no-such-model");
        LrlabException e = assertThrows(LrlabException.class, () -> ModelCopy.of(missing, hadoop()));
        assertEquals(LrlabException.Kind.MODEL, e.kind());
        assertTrue(e.getMessage().startsWith("cannot copy the model from " + missing + " to this machine's disk: "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("; check the URI and that every executor can read it"), e.getMessage());
        LrlabException unknown = assertThrows(LrlabException.class, () -> ModelCopy.of("nosuchfs://host/m", hadoop()));
        assertTrue(unknown.getMessage().contains("nosuchfs"), unknown.getMessage());
    }

    /** The local file system under another scheme. */
    public static final class OtherScheme extends RawLocalFileSystem {
        @Override
        public URI getUri() {
            return URI.create("lrlab-test:///");
        }

        @Override
        public String getScheme() {
            return "lrlab-test";
        }
    }
}
