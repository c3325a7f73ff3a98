import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Float parsing alone, on the cells of a CSV (every cell but the header): lrlab's FloatText (FastDoubleParser on the
 * cell's bytes, with its check for text cells), FastDoubleParser's JavaFloatParser called directly on bytes, and
 * Float.parseFloat on a String per cell. Checks that all three give the same
 * bits for every cell, then prints MB/s of cell text, best of REPEATS. Reads the file's first 16 MB. Run by
 * scripts/bench/csv-load.
 *
 *   java -cp target/classes:target/lib/* FloatParseBench.java FILE [REPEATS]
 */
public final class FloatParseBench {
    public static void main(String[] args) throws Throwable {
        byte[] text;
        try (java.io.InputStream in = Files.newInputStream(Path.of(args[0]))) {
            text = in.readNBytes(16 << 20); // the first 16 MB
        }
        int lastLine = text.length - 1;
        while (text[lastLine] != '\n') {
            lastLine--;
        }
        text = java.util.Arrays.copyOf(text, lastLine + 1);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int headerEnd = 0;
        while (text[headerEnd] != '\n') {
            headerEnd++;
        }
        List<int[]> cells = new ArrayList<>();
        int start = headerEnd + 1;
        long cellBytes = 0;
        for (int i = start; i < text.length; i++) {
            if (text[i] == ',' || text[i] == '\n') {
                cells.add(new int[] {start, i});
                cellBytes += i - start;
                start = i + 1;
            }
        }
        int[] from = cells.stream().mapToInt(c -> c[0]).toArray();
        int[] to = cells.stream().mapToInt(c -> c[1]).toArray();
        Class<?> floatText = Class.forName("dev.lrlab.data.FloatText");
        Method own = floatText.getDeclaredMethod("parse", byte[].class, int.class, int.class);
        own.setAccessible(true);
        Class<?> parser = Class.forName("ch.randelshofer.fastdoubleparser.JavaFloatParser");
        Method fdp = parser.getMethod("parseFloat", byte[].class, int.class, int.class);
        java.lang.invoke.MethodHandle ownHandle = java.lang.invoke.MethodHandles.lookup().unreflect(own);
        java.lang.invoke.MethodHandle fdpHandle = java.lang.invoke.MethodHandles.lookup().unreflect(fdp);
        for (int i = 0; i < from.length; i++) {
            float expected = Float.parseFloat(new String(text, from[i], to[i] - from[i], StandardCharsets.UTF_8));
            int a = (int) (long) ownHandle.invokeExact(text, from[i], to[i]);
            float b = (float) fdpHandle.invokeExact(text, from[i], to[i] - from[i]);
            if (Float.floatToRawIntBits(expected) != a || Float.floatToRawIntBits(expected) != Float.floatToRawIntBits(b)) {
                throw new AssertionError("cell " + i + ": " + expected + " " + Float.intBitsToFloat(a) + " " + b);
            }
        }
        System.out.printf("%d cells, %.1f MB of cell text, all three agree bit for bit%n", from.length, cellBytes / 1e6);
        String[] names = {"lrlab FloatText (bytes)", "FastDoubleParser JavaFloatParser (bytes)", "Float.parseFloat (String per cell)"};
        double[] best = new double[3];
        for (int r = 0; r < repeats; r++) {
            for (int m = 0; m < 3; m++) {
                long t0 = System.nanoTime();
                long sum = 0;
                for (int i = 0; i < from.length; i++) {
                    sum += switch (m) {
                        case 0 -> (long) ownHandle.invokeExact(text, from[i], to[i]);
                        case 1 -> Float.floatToRawIntBits((float) fdpHandle.invokeExact(text, from[i], to[i] - from[i]));
                        default -> Float.floatToRawIntBits(Float.parseFloat(
                                new String(text, from[i], to[i] - from[i], StandardCharsets.ISO_8859_1)));
                    };
                }
                double mbs = cellBytes / 1e6 / ((System.nanoTime() - t0) / 1e9);
                best[m] = Math.max(best[m], mbs);
                if (sum == 42) {
                    System.out.print("");
                }
            }
        }
        for (int m = 0; m < 3; m++) {
            System.out.printf("%-42s %7.1f MB/s (best of %d, one thread)%n", names[m], best[m], repeats);
        }
    }
}
