package dev.lrlab.search;

import dev.lrlab.LrlabException;
import dev.lrlab.device.ComputeDevice;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopSignal;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The process {@link WorkerTrials} starts for one slot of a {@link dev.lrlab.device.DeviceSpread}: reads the search's
 * {@link TrialRecipe}, the model's path, its device and how many trials it runs at once from the standard input;
 * loads that many copies of the model ({@link LocalTrials}); then runs the stages' trials it is sent and writes each
 * result back as it finishes ({@link WorkerProtocol}). Ends when its standard input closes. Not a command for users.
 */
final class TrialWorker {
    private TrialWorker() {
    }

    /**
     * @param args none
     */
    public static void main(String[] args) {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true)); // the standard output is ours
        ignoreCtrlC();
        int status = run(new DataInputStream(new BufferedInputStream(System.in)), out);
        System.exit(status);
    }

    /**
     * Ctrl-C in a terminal interrupts the whole process group, the workers included: the search turns it into a stop
     * and sends that to its workers, which finish their step and report; a worker that died of it instead would fail
     * the search. A search that ends closes the workers' input, which ends them.
     */
    private static void ignoreCtrlC() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException e) {
            // the platform has no SIGINT
        }
    }

    /** @return the exit status: 0 after the search closed the input, 1 after an error was sent */
    static int run(DataInputStream in, DataOutputStream out) {
        Messages messages = new Messages(out);
        LocalTrials trials;
        try {
            out.write(WorkerProtocol.MAGIC);
            byte[] recipeBytes = new byte[in.readInt()];
            in.readFully(recipeBytes);
            Path model = Path.of(in.readUTF());
            ComputeDevice device = ComputeDevice.parse(in.readUTF());
            int copies = in.readInt();
            TrialRecipe recipe = readRecipe(recipeBytes);
            RunSpec spec = recipe.spec(model).withDevice(device);
            SearchConfig config = recipe.config(spec).toBuilder().optParallel(copies).build();
            trials = LocalTrials.open(spec, config, SearchListener.NONE);
            messages.ready();
        } catch (IOException e) {
            return 0; // the search went away before the model was loaded
        } catch (RuntimeException | Error e) {
            messages.error(e);
            return 1;
        }
        StopSignal stop = new StopSignal();
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "lrlab-trial-worker-stage");
            thread.setDaemon(true);
            return thread;
        });
        Future<?> stage = null;
        try {
            while (true) {
                byte command;
                try {
                    command = in.readByte();
                } catch (EOFException e) {
                    break;
                }
                if (command == WorkerProtocol.STOP) {
                    stop.stop("the search");
                } else if (command == WorkerProtocol.RUN) {
                    SearchStage name = SearchStage.valueOf(in.readUTF());
                    double[] rates = WorkerProtocol.readDoubles(in);
                    awaitQuietly(stage);
                    stage = runner.submit(() -> runStage(trials, name, rates, stop, messages));
                } else {
                    messages.error(new IllegalStateException("unknown command " + command + " from the search"));
                    return 1;
                }
            }
        } catch (IOException e) {
            // the search went away: stop
        } finally {
            stop.stop("the search ended");
            awaitQuietly(stage);
            runner.shutdownNow();
            trials.close();
        }
        return messages.failed() ? 1 : 0;
    }

    private static void runStage(LocalTrials trials, SearchStage stage, double[] rates, StopSignal stop,
            Messages messages) {
        try {
            List<Optional<TrialResult>> results = trials.runStage(stage, rates, result -> messages.trial(rates, result),
                    stop);
            messages.done(results.size());
        } catch (RuntimeException | Error e) {
            stop.stop("a trial failed");
            messages.error(e);
        }
    }

    private static TrialRecipe readRecipe(byte[] bytes) {
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (TrialRecipe) objects.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalStateException("the search's trial recipe did not read back: " + e, e);
        }
    }

    private static void awaitQuietly(Future<?> stage) {
        if (stage == null) {
            return;
        }
        try {
            stage.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // runStage reports its own failures
        }
    }

    /** The worker's messages, written whole under one lock (trials finish on several threads). */
    private static final class Messages {
        private final DataOutputStream out;
        private boolean failed;
        private boolean gone;

        Messages(DataOutputStream out) {
            this.out = out;
        }

        synchronized void ready() throws IOException {
            out.writeByte(WorkerProtocol.READY);
            out.flush();
        }

        /** @param rates the RUN message's rates: the result goes back with its position there */
        synchronized void trial(double[] rates, TrialResult result) {
            int found = -1;
            for (int i = 0; i < rates.length && found < 0; i++) {
                if (rates[i] == result.lr()) {
                    found = i;
                }
            }
            int position = found;
            write(() -> {
                out.writeByte(WorkerProtocol.TRIAL);
                out.writeInt(position);
                WorkerProtocol.writeTrial(out, result);
            });
        }

        synchronized void done(int count) {
            write(() -> {
                out.writeByte(WorkerProtocol.DONE);
                out.writeInt(count);
            });
        }

        synchronized void error(Throwable e) {
            failed = true;
            LrlabException.Kind kind = e instanceof LrlabException lrlab ? lrlab.kind() : LrlabException.Kind.INTERNAL;
            String message = e instanceof LrlabException ? e.getMessage() : e.toString();
            if (!(e instanceof LrlabException)) {
                e.printStackTrace(); // to the standard error, which the search's shows
            }
            write(() -> {
                out.writeByte(WorkerProtocol.ERROR);
                out.writeUTF(kind.name());
                out.writeUTF(WorkerProtocol.line(message));
            });
        }

        synchronized boolean failed() {
            return failed;
        }

        private void write(IoAction action) {
            if (gone) {
                return;
            }
            try {
                action.run();
                out.flush();
            } catch (IOException e) {
                gone = true; // the search closed its end; it no longer reads
            }
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }
}
