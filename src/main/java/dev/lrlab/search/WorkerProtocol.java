package dev.lrlab.search;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/**
 * The messages between a search and its {@link TrialWorker} processes, over the worker's standard input and output
 * ({@link java.io.DataOutputStream} encoding). The worker writes {@link #MAGIC} first, so that anything the JVM
 * prints on the standard output before {@code main} (a warning) is skipped, not read as a message.
 */
final class WorkerProtocol {
    /** What a worker writes before its first message. */
    static final byte[] MAGIC = {'L', 'R', 'L', 'A', 'B', 'T', 'W', '1'};

    /** Search to worker: run trials of a stage (stage name, count, rates). */
    static final byte RUN = 'R';
    /** Search to worker: abandon the trials not yet finished. */
    static final byte STOP = 'S';

    /** Worker to search: the model is loaded, the worker takes trials. */
    static final byte READY = 'Y';
    /** Worker to search: a trial finished (its position in the RUN message, then the result). */
    static final byte TRIAL = 'T';
    /** Worker to search: every trial of the RUN message finished or was abandoned. */
    static final byte DONE = 'D';
    /** Worker to search: it failed and ends (the {@link dev.lrlab.LrlabException.Kind} name, then one line). */
    static final byte ERROR = 'E';

    private WorkerProtocol() {
    }

    /** Writes a trial by Java serialization, as Spark sends it: every value bit for bit, its curves included. */
    static void writeTrial(DataOutputStream out, TrialResult t) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream object = new ObjectOutputStream(bytes)) {
            object.writeObject(t);
        }
        out.writeInt(bytes.size());
        bytes.writeTo(out);
    }

    /** @return a trial {@link #writeTrial} wrote, equal value for value */
    static TrialResult readTrial(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("a negative length, " + n);
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        try (ObjectInputStream object = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (TrialResult) object.readObject();
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException("not a trial: " + e.getMessage(), e);
        }
    }

    static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double value : values) {
            out.writeDouble(value);
        }
    }

    static double[] readDoubles(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("a negative count, " + n);
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    /** @return a message's text cut to what {@link DataOutputStream#writeUTF} takes, on one line */
    static String line(String message) {
        String text = message == null ? "" : message.lines().findFirst().orElse("");
        return text.length() > 8000 ? text.substring(0, 8000) : text;
    }

    /**
     * Reads up to and including {@link #MAGIC}, passing what comes before it on.
     *
     * @return false when the stream ended first
     */
    static boolean skipToMagic(InputStream in, OutputStream skipped) throws IOException {
        int matched = 0;
        while (matched < MAGIC.length) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            if (b == MAGIC[matched]) {
                matched++;
            } else {
                skipped.write(MAGIC, 0, matched);
                matched = b == MAGIC[0] ? 1 : 0;
                if (matched == 0) {
                    skipped.write(b);
                }
            }
        }
        skipped.flush();
        return true;
    }
}
