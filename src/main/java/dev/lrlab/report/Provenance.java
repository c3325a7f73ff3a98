package dev.lrlab.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.lrlab.LrlabException;
import dev.lrlab.report.summary.JsonValues;
import org.tensorflow.TensorFlow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where a result came from: the software and platform that computed it, when, from which model and data,
 * with which seed and settings. Every summary carries one (see {@link #toMap()}).
 *
 * <p>Make one with {@link #builder()}; the versions, platform and time are filled in by
 * {@link Builder#build()}.
 *
 * @param lrlabVersion {@code Implementation-Version} from lrlab's jar manifest, or {@code "dev"} when run from classes
 * @param tensorflowVersion the TensorFlow runtime version, e.g. {@code 2.18.0}
 * @param javaVersion the {@code java.version} property
 * @param osName the {@code os.name} property
 * @param osArch the {@code os.arch} property
 * @param time the run start, ISO-8601 with offset, to the second, e.g. {@code 2026-11-28T23:15:00+01:00}
 * @param modelPath the SavedModel directory as given, or null when no model was used
 * @param modelSha256 SHA-256 (lower-case hex) of the model's {@code saved_model.pb} (the graph), or null without a model
 * @param modelVariablesSha256 SHA-256 of the model's weights, see {@link #variablesSha256(Path)}: tells two checkpoints
 *     of one graph apart; null without a model or when it has no {@code variables/} folder
 * @param dataPaths the data files as given (the data, then the labels file when there is one), possibly empty
 * @param dataFiles the same files with the SHA-256 of their bytes (null for a path that is not a regular file)
 * @param seed the random seed, or null when none was used
 * @param settings the run's settings by name, in order (unmodifiable)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"lrlab_version", "tensorflow_version", "java_version", "os_name", "os_arch", "time", "model_path",
        "model_sha256", "model_variables_sha256", "data_paths", "data_files", "seed", "settings"})
public record Provenance(
        String lrlabVersion,
        String tensorflowVersion,
        String javaVersion,
        String osName,
        String osArch,
        String time,
        String modelPath,
        String modelSha256,
        String modelVariablesSha256,
        List<String> dataPaths,
        List<DataFile> dataFiles,
        Long seed,
        Map<String, Object> settings) {

    /** Version reported when lrlab does not run from a jar with a manifest version. */
    public static final String DEV_VERSION = "dev";

    /**
     * Copies the lists and maps so the record is unmodifiable; the settings' values are normalised to what a JSON
     * reader gives back (whole numbers as {@code Long}, others as {@code Double}, maps and lists), so a provenance
     * read from a summary equals the one written. Absent lists and settings (an older summary) read as empty.
     */
    public Provenance {
        dataPaths = dataPaths == null ? List.of() : List.copyOf(dataPaths);
        dataFiles = dataFiles == null ? List.of() : List.copyOf(dataFiles);
        settings = settings == null ? Map.of() : Collections.unmodifiableMap(JsonValues.normalizeMap(settings));
    }

    /**
     * One data file and its digest.
     *
     * @param path the file as given
     * @param sha256 SHA-256 of its bytes, 64 lower-case hex digits; null when the path is not a regular file
     */
    public record DataFile(String path, String sha256) {
    }

    /** @return a builder with no model, no data, no seed and no settings */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the provenance as an ordered map with snake_case keys
     *         ({@code lrlab_version, tensorflow_version, java_version, os_name, os_arch, time, model_path,
     *         model_sha256, model_variables_sha256, data_paths, data_files, seed, settings}), the same as the
     *         record's JSON
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("lrlab_version", lrlabVersion);
        map.put("tensorflow_version", tensorflowVersion);
        map.put("java_version", javaVersion);
        map.put("os_name", osName);
        map.put("os_arch", osArch);
        map.put("time", time);
        map.put("model_path", modelPath);
        map.put("model_sha256", modelSha256);
        map.put("model_variables_sha256", modelVariablesSha256);
        map.put("data_paths", dataPaths);
        map.put("data_files", dataFiles.stream().map(f -> {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("path", f.path());
            file.put("sha256", f.sha256());
            return file;
        }).toList());
        map.put("seed", seed);
        map.put("settings", settings);
        return map;
    }

    /**
     * @return lrlab's version from the jar manifest ({@code Implementation-Version}), or {@link #DEV_VERSION}
     */
    public static String currentLrlabVersion() {
        String version = Provenance.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? DEV_VERSION : version;
    }

    /**
     * SHA-256 of {@code modelDir/saved_model.pb}: identifies the graph; the weights are hashed by
     * {@link #variablesSha256(Path)}.
     *
     * @param modelDir a SavedModel directory
     * @return the digest as 64 lower-case hex digits
     * @throws LrlabException (MODEL) when the file is missing or unreadable
     */
    public static String savedModelSha256(Path modelDir) {
        Path pb = modelDir.resolve("saved_model.pb");
        if (!Files.isRegularFile(pb)) {
            throw LrlabException.model("no saved_model.pb in " + modelDir + "; pass a SavedModel directory");
        }
        MessageDigest digest = sha256();
        stream(pb, digest, LrlabException::model);
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * SHA-256 of a SavedModel's weights: the regular files directly in {@code modelDir/variables}
     * ({@code variables.index} and the {@code variables.data-*} shards) read one after the other in file-name order,
     * so {@code cat $(ls -d variables/* | sort) | sha256sum} gives the same digest. The files are streamed, never
     * held in memory.
     *
     * @param modelDir a SavedModel directory
     * @return the digest as 64 lower-case hex digits, or null when the model has no {@code variables} folder
     * @throws LrlabException (MODEL) when a file cannot be read
     */
    public static String variablesSha256(Path modelDir) {
        Path variables = modelDir.resolve("variables");
        if (!Files.isDirectory(variables)) {
            return null;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(variables)) {
            files = list.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw LrlabException.model("cannot list " + variables + ": " + AtomicFiles.describe(e)
                    + "; check the folder is readable");
        }
        MessageDigest digest = sha256();
        for (Path file : files) {
            stream(file, digest, LrlabException::model);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * SHA-256 of a data file's bytes, streamed.
     *
     * @param file a data or labels file
     * @return the digest as 64 lower-case hex digits
     * @throws LrlabException (DATA) when the file cannot be read
     */
    public static String fileSha256(Path file) {
        MessageDigest digest = sha256();
        stream(file, digest, LrlabException::data);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void stream(Path file, MessageDigest digest, java.util.function.Function<String, LrlabException> error) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw error.apply("cannot read " + file + ": " + AtomicFiles.describe(e) + "; check the file is readable");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks SHA-256", e);
        }
    }

    /** Collects the run-specific parts; {@link #build()} adds versions, platform and time. */
    public static final class Builder {
        private Path model;
        private final List<Path> data = new ArrayList<>();
        private Long seed;
        private final Map<String, Object> settings = new LinkedHashMap<>();
        private Clock clock = Clock.systemDefaultZone();
        private String tensorflowVersion;

        private Builder() {
        }

        /** @param modelDir the SavedModel directory; its {@code saved_model.pb} is hashed in {@link #build()} */
        public Builder optModel(Path modelDir) {
            this.model = Objects.requireNonNull(modelDir, "modelDir");
            return this;
        }

        /** @param path a data or labels file; call once per file; it is hashed in {@link #build()} */
        public Builder addData(Path path) {
            data.add(Objects.requireNonNull(path, "path"));
            return this;
        }

        /** @param value the random seed used */
        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * @param name a setting name, e.g. {@code start_lr}
         * @param value its value: a string, number, boolean, list or map (see {@link SummaryWriter})
         */
        public Builder setting(String name, Object value) {
            settings.put(name, value);
            return this;
        }

        /** @param values settings to add, in their iteration order */
        public Builder settings(Map<String, ?> values) {
            settings.putAll(values);
            return this;
        }

        /** @param value the clock for {@link Provenance#time()}; default: the system clock in the local zone */
        public Builder optClock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @param version the TensorFlow version to record instead of asking the runtime
         *                (default: {@link TensorFlow#version()}, which loads the native library)
         */
        public Builder optTensorflowVersion(String version) {
            this.tensorflowVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * @return the provenance
         * @throws LrlabException (MODEL) when a model was given but its {@code saved_model.pb} or variables cannot be
         *     read; (DATA) when a data file cannot be read
         */
        public Provenance build() {
            String tf = tensorflowVersion != null ? tensorflowVersion : TensorFlow.version();
            String time = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS)
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return new Provenance(
                    currentLrlabVersion(),
                    tf,
                    System.getProperty("java.version"),
                    System.getProperty("os.name"),
                    System.getProperty("os.arch"),
                    time,
                    model == null ? null : model.toString(),
                    model == null ? null : savedModelSha256(model),
                    model == null ? null : variablesSha256(model),
                    data.stream().map(Path::toString).toList(),
                    data.stream().map(p -> new DataFile(p.toString(), Files.isRegularFile(p) ? fileSha256(p) : null))
                            .toList(),
                    seed,
                    settings);
        }
    }
}
