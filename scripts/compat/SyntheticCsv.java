import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a synthetic CSV that fits a SavedModel's signature, for the compatibility corpus
 * (scripts/compat/run-corpus). Run as a single-file program (plain Java 17, no class path):
 *
 * <pre>
 *   java scripts/compat/SyntheticCsv.java INSPECT_TXT MODEL_DIR OUT_CSV [ROWS] [SEED]
 * </pre>
 *
 * INSPECT_TXT is what {@code lrlab inspect MODEL_DIR} printed: its {@code signature NAME (...)} lines
 * and the {@code input}/{@code output} lines under them (key, dtype, shape). The signature used is
 * {@code serving_default}, else the first one; its key is printed on stdout. What sits in front of
 * the output (the JSON does not say) is guessed from {@code saved_model.pb} and {@code keras_metadata.pb}:
 * a {@code Softmax} op, a softmax activation or a categorical cross-entropy in the compile config
 * means classes; a {@code Sigmoid} op in a graph without LSTM/GRU/While means sigmoid (recurrent
 * cells use sigmoids inside).
 *
 * <p>Columns follow lrlab's CSV binding (InputBinding): with one input every column feeds it and
 * they are named {@code KEY_0..KEY_(w-1)}; with several inputs an input of width 1 reads column
 * {@code KEY} and one of width w reads {@code KEY_0..KEY_(w-1)}. An unknown dimension counts as 8
 * values. Floats for FLOAT/DOUBLE/HALF/BFLOAT16 inputs, integers 0..9 for integer inputs, 0/1 for
 * BOOL, short words for STRING. The label column {@code label} fits the first output: a class index
 * in [0,k) for a width-k softmax output (k > 1), 0/1 for a width-1 sigmoid output, floats otherwise.
 */
public final class SyntheticCsv {

    private static final String[] WORDS = {"red", "blue", "green", "cat", "dog", "yes", "no", "north",
        "south", "small", "large", "apple"};
    private static final int UNKNOWN_DIM = 8;
    private static final long MAX_CELLS = 4_000_000L;

    private SyntheticCsv() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: SyntheticCsv INSPECT_TXT MODEL_DIR OUT_CSV [ROWS] [SEED]");
            System.exit(2);
        }
        List<Signature> signatures = parse(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8));
        String graph = read(Path.of(args[1], "saved_model.pb")) + read(Path.of(args[1], "keras_metadata.pb"));
        Path out = Path.of(args[2]);
        int rows = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1L;

        Signature signature = pick(signatures);
        if (signature == null) {
            System.err.println("SyntheticCsv: no signature in " + args[0]);
            System.exit(4);
        }
        List<String> names = new ArrayList<>();
        List<String> dtypes = new ArrayList<>();
        for (Tensor input : signature.inputs()) {
            long width = width(input.shape());
            if (signature.inputs().size() > 1 && width == 1) {
                names.add(input.key());
                dtypes.add(input.dtype());
            } else {
                for (long i = 0; i < width; i++) {
                    names.add(input.key() + "_" + i);
                    dtypes.add(input.dtype());
                }
            }
        }
        long k = signature.outputs().isEmpty() ? 1 : width(signature.outputs().get(0).shape());
        String lower = graph.toLowerCase(Locale.ROOT);
        boolean recurrent = lower.contains("lstm") || lower.contains("gru") || lower.contains("while");
        boolean classes = graph.contains("Softmax") || graph.contains("\"softmax\"")
                || lower.contains("categoricalcrossentropy") || lower.contains("categorical_crossentropy");
        String activation = k > 1 && classes ? "softmax"
                : k == 1 && graph.contains("Sigmoid") && !recurrent ? "sigmoid" : "none";
        if ((long) rows * (names.size() + 1) > MAX_CELLS) {
            rows = (int) Math.max(32, MAX_CELLS / (names.size() + 1));
        }

        Random random = new Random(seed);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            StringBuilder header = new StringBuilder();
            for (String name : names) {
                header.append(name).append(',');
            }
            w.println(header.append("label"));
            StringBuilder row = new StringBuilder();
            for (int r = 0; r < rows; r++) {
                row.setLength(0);
                for (String dtype : dtypes) {
                    row.append(cell(dtype, random)).append(',');
                }
                row.append(label(activation, k, random));
                w.println(row);
            }
        }
        System.out.println(signature.key());
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1) : "";
    }

    private record Tensor(String key, String dtype, long[] shape) {
    }

    private record Signature(String key, List<Tensor> inputs, List<Tensor> outputs) {
    }

    /** The signatures of an {@code lrlab inspect} text report. */
    private static List<Signature> parse(List<String> lines) {
        List<Signature> result = new ArrayList<>();
        Signature current = null;
        for (String line : lines) {
            String[] t = line.trim().split("\\s+");
            if (line.startsWith("signature ") && t.length >= 2) {
                current = new Signature(t[1], new ArrayList<>(), new ArrayList<>());
                result.add(current);
            } else if (current != null && t.length >= 4 && (t[0].equals("input") || t[0].equals("output"))) {
                Tensor tensor = new Tensor(t[1], t[2], shape(t[3]));
                (t[0].equals("input") ? current.inputs() : current.outputs()).add(tensor);
            } else if (!line.startsWith(" ")) {
                current = null;
            }
        }
        return result;
    }

    /** {@code [-1,28,28,1]} to its dimensions; {@code <unknown>} to null. */
    private static long[] shape(String text) {
        if (!text.startsWith("[")) {
            return null;
        }
        String inner = text.substring(1, text.length() - 1).trim();
        if (inner.isEmpty()) {
            return new long[0];
        }
        String[] parts = inner.split(",");
        long[] dims = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            dims[i] = Long.parseLong(parts[i].trim());
        }
        return dims;
    }

    private static Signature pick(List<Signature> signatures) {
        for (Signature s : signatures) {
            if (s.key().equals("serving_default")) {
                return s;
            }
        }
        return signatures.isEmpty() ? null : signatures.get(0);
    }

    /** Values per example: the product of the dimensions after the batch one (unknown ones count 8). */
    private static long width(long[] shape) {
        if (shape == null || shape.length <= 1) {
            return 1;
        }
        long w = 1;
        for (int i = 1; i < shape.length; i++) {
            w *= shape[i] < 0 ? UNKNOWN_DIM : shape[i];
        }
        return w;
    }

    private static String cell(String dtype, Random random) {
        switch (dtype) {
            case "FLOAT", "DOUBLE", "HALF", "BFLOAT16":
                return String.format(Locale.ROOT, "%.4f", random.nextGaussian());
            case "BOOL":
                return Integer.toString(random.nextInt(2));
            case "STRING":
                return WORDS[random.nextInt(WORDS.length)];
            default:
                return Integer.toString(random.nextInt(10));
        }
    }

    private static String label(String activation, long k, Random random) {
        if ("softmax".equals(activation)) {
            return Long.toString((long) random.nextInt((int) Math.min(k, Integer.MAX_VALUE)));
        }
        if ("sigmoid".equals(activation) && k == 1) {
            return Integer.toString(random.nextInt(2));
        }
        return String.format(Locale.ROOT, "%.4f", random.nextGaussian());
    }
}
