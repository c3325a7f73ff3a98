package dev.lrlab.search;

import dev.lrlab.LrlabException;
import dev.lrlab.device.DeviceSpread;
import dev.lrlab.run.StopSignal;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a search's trials in worker processes, one per slot of a {@link DeviceSpread} (one per GPU): trial {@code k}
 * of the search, counted from 0 in the order of its results, runs in slot {@code k mod S}. Each worker is a JVM on
 * this JVM's class path ({@link TrialWorker}), started with the slot's environment ({@code CUDA_VISIBLE_DEVICES=k}
 * for GPU k, so it sees that GPU alone and places its whole graph on it, as a single-GPU run does); it makes the
 * trial's spec from the search's {@link TrialRecipe}, loads {@link DeviceSpread.Slot#copies()} copies of the model
 * and runs its trials on them, like {@link LocalTrials} in this JVM. Every trial starts from the loaded weights with
 * fresh slots and sees the same batches, so a trial's result is bit for bit the one of a search in one process on
 * the same kind of device (on GPUs with {@code TF_DETERMINISTIC_OPS=1}, as for any two GPU runs).
 *
 * <p>Processes rather than one session per GPU in this JVM: TensorFlow fixes once per process which CUDA device each
 * of its GPU numbers is, and refuses sessions that give another {@code visible_device_list} (see
 * {@link DeviceSpread}). The workers' standard error is this process's; their standard output carries the results.
 * A worker that fails sends its error (the same one line a search in one process gives) and the search fails with
 * it; a worker that dies (a crash, out of memory) fails the search as an internal error naming its device.
 */
public final class WorkerTrials implements TrialExecutor {
    /** How long {@link #close} waits for a worker to end after its input closed, before ending it by force. */
    private static final long EXIT_WAIT_SECONDS = 30;

    private final DeviceSpread spread;
    private final List<Worker> workers;
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private long nextTrial;
    private boolean broken;

    private WorkerTrials(DeviceSpread spread, List<Worker> workers) {
        this.spread = spread;
        this.workers = workers;
    }

    /**
     * Starts the workers; they load their copies of the model while the search goes on (the first stage waits for
     * them).
     *
     * @param recipe how a worker makes the trial's spec and settings (its {@code parallel} is the slot's copies)
     * @param model the SavedModel folder, read by every worker
     * @param spread the slots: their devices, environments and copies
     * @param log told about the workers in one-line messages
     * @return the executor; close it to end the workers
     * @throws LrlabException (INTERNAL) when a worker process cannot be started
     */
    public static WorkerTrials open(TrialRecipe recipe, Path model, DeviceSpread spread, Consumer<String> log) {
        byte[] recipeBytes = serialize(recipe);
        List<String> command = command();
        List<Worker> workers = new ArrayList<>();
        WorkerTrials trials = new WorkerTrials(spread, workers);
        try {
            for (DeviceSpread.Slot slot : spread.slots()) {
                ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
                builder.environment().putAll(slot.environment());
                Process process;
                try {
                    process = builder.start();
                } catch (IOException e) {
                    throw new LrlabException(LrlabException.Kind.INTERNAL, "could not start the trial worker for "
                            + slot.device() + ": " + e.getMessage(), e);
                }
                Worker worker = new Worker(slot, process);
                workers.add(worker);
                worker.send(out -> {
                    out.writeInt(recipeBytes.length);
                    out.write(recipeBytes);
                    out.writeUTF(model.toAbsolutePath().toString());
                    out.writeUTF(slot.inWorker().toString());
                    out.writeInt(slot.copies());
                });
                worker.startReading(trials.messages);
            }
        } catch (RuntimeException | Error e) {
            trials.close();
            throw e;
        }
        log.accept("search: trials on " + spread.describe());
        return trials;
    }

    /** @return the spread the trials run on */
    public DeviceSpread spread() {
        return spread;
    }

    @Override
    public List<Optional<TrialResult>> runStage(SearchStage stage, double[] rates, Consumer<TrialResult> finished,
            StopSignal stop) {
        if (broken) {
            throw new IllegalStateException("the trial workers failed in an earlier stage");
        }
        int slots = workers.size();
        if (stop.isStopped()) { // not sent: a stopped search numbers no more trials
            return Collections.nCopies(rates.length, Optional.empty());
        }
        List<List<Integer>> positions = new ArrayList<>();
        for (int s = 0; s < slots; s++) {
            positions.add(new ArrayList<>());
        }
        for (int i = 0; i < rates.length; i++) {
            positions.get(DeviceSpread.slotOf(nextTrial + i, slots)).add(i);
        }
        nextTrial += rates.length;
        List<Optional<TrialResult>> results = new ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            results.add(Optional.empty());
        }
        int pending = 0;
        for (int s = 0; s < slots; s++) {
            List<Integer> mine = positions.get(s);
            if (mine.isEmpty()) {
                continue;
            }
            double[] share = mine.stream().mapToDouble(i -> rates[i]).toArray();
            workers.get(s).send(out -> {
                out.writeByte(WorkerProtocol.RUN);
                out.writeUTF(stage.name());
                WorkerProtocol.writeDoubles(out, share);
            });
            workers.get(s).busy = true;
            pending++;
        }
        boolean stopSent = false;
        LrlabException failure = null;
        while (pending > 0) {
            if (!stopSent && (stop.isStopped() || failure != null)) {
                stopSent = true;
                workers.stream().filter(w -> w.busy && w.alive).forEach(w -> w.trySend(WorkerProtocol.STOP));
            }
            Message message;
            try {
                message = messages.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                broken = true;
                throw new IllegalStateException("interrupted while waiting for the trial workers", e);
            }
            if (message == null) {
                continue;
            }
            Worker worker = workers.get(message.slot());
            if (message instanceof Message.Trial trial) {
                int position = trial.position() < 0 ? -1 : positions.get(trial.slot()).get(trial.position());
                if (position < 0) {
                    failure = firstOf(failure, internal(worker, "sent back a trial it was not given, lr "
                            + trial.result().lr()));
                } else {
                    results.set(position, Optional.of(trial.result()));
                    finished.accept(trial.result());
                }
            } else if (message instanceof Message.Done) {
                worker.busy = false;
                pending--;
            } else if (message instanceof Message.Failed failed) {
                failure = firstOf(failure, failed.error());
                pending -= worker.retire();
            } else if (message instanceof Message.Ended ended) {
                failure = firstOf(failure, internal(worker, "ended unexpectedly (exit status " + ended.status()
                        + "); its messages are above"));
                pending -= worker.retire();
            }
        }
        if (failure != null) {
            broken = true;
            throw failure;
        }
        return results;
    }

    private static LrlabException firstOf(LrlabException first, LrlabException next) {
        return first != null ? first : next;
    }

    private static LrlabException internal(Worker worker, String what) {
        return new LrlabException(LrlabException.Kind.INTERNAL, "the trial worker for " + worker.slot.device() + " "
                + what);
    }

    /** Closes the workers' input, so they end after their trials stop; ends those still running after a while. */
    @Override
    public void close() {
        for (Worker worker : workers) {
            worker.closeInput();
        }
        for (Worker worker : workers) {
            worker.awaitEnd();
        }
    }

    /** @return the command that starts a worker: this JVM's java, heap limit and class path */
    static List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-Xmx") || argument.startsWith("-XX:TieredStopAtLevel")) {
                command.add(argument);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TrialWorker.class.getName());
        return command;
    }

    private static byte[] serialize(TrialRecipe recipe) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
            objects.writeObject(recipe);
        } catch (IOException e) {
            throw new IllegalArgumentException("the trial recipe " + recipe.getClass().getName()
                    + " does not serialize: " + e, e);
        }
        return bytes.toByteArray();
    }

    /** What a worker's reader thread hands the search. */
    private sealed interface Message {
        int slot();

        record Ready(int slot) implements Message {
        }

        record Trial(int slot, int position, TrialResult result) implements Message {
        }

        record Done(int slot) implements Message {
        }

        record Failed(int slot, LrlabException error) implements Message {
        }

        record Ended(int slot, int status) implements Message {
        }
    }

    private interface IoAction {
        void run(DataOutputStream out) throws IOException;
    }

    /** One worker process and the search's ends of its pipes. */
    private static final class Worker {
        final DeviceSpread.Slot slot;
        final Process process;
        final DataOutputStream out;
        volatile boolean alive = true;
        boolean busy;
        private Thread reader;

        Worker(DeviceSpread.Slot slot, Process process) {
            this.slot = slot;
            this.process = process;
            this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        }

        void send(IoAction action) {
            try {
                action.run(out);
                out.flush();
            } catch (IOException e) {
                alive = false; // it ended: its reader reports how
            }
        }

        /** Marks it ended. @return 1 when it still had trials of the stage, else 0 */
        int retire() {
            alive = false;
            int had = busy ? 1 : 0;
            busy = false;
            return had;
        }

        void trySend(byte command) {
            send(o -> o.writeByte(command));
        }

        void startReading(BlockingQueue<Message> messages) {
            reader = new Thread(() -> read(messages), "lrlab-trial-worker-" + slot.index());
            reader.setDaemon(true);
            reader.start();
        }

        private void read(BlockingQueue<Message> messages) {
            int index = slot.index();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream()))) {
                if (WorkerProtocol.skipToMagic(in, System.err)) {
                    while (true) {
                        byte kind;
                        try {
                            kind = in.readByte();
                        } catch (EOFException e) {
                            break;
                        }
                        switch (kind) {
                            case WorkerProtocol.READY -> messages.add(new Message.Ready(index));
                            case WorkerProtocol.TRIAL -> {
                                int position = in.readInt();
                                messages.add(new Message.Trial(index, position, WorkerProtocol.readTrial(in)));
                            }
                            case WorkerProtocol.DONE -> {
                                in.readInt();
                                messages.add(new Message.Done(index));
                            }
                            case WorkerProtocol.ERROR -> {
                                LrlabException.Kind errorKind = LrlabException.Kind.valueOf(in.readUTF());
                                String text = in.readUTF();
                                messages.add(new Message.Failed(index, new LrlabException(errorKind,
                                        errorKind == LrlabException.Kind.INTERNAL ? "the trial worker for "
                                                + slot.device() + " failed: " + text : text)));
                                return;
                            }
                            default -> throw new IOException("unknown message " + kind);
                        }
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                messages.add(new Message.Failed(index, new LrlabException(LrlabException.Kind.INTERNAL,
                        "the trial worker for " + slot.device() + " sent an unreadable message: " + e)));
                return;
            }
            messages.add(new Message.Ended(index, exitStatus()));
        }

        private int exitStatus() {
            try {
                return process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS) ? process.exitValue() : -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        void closeInput() {
            try {
                out.close();
            } catch (IOException e) {
                // it already ended
            }
        }

        void awaitEnd() {
            try {
                if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
                }
                if (reader != null) {
                    reader.join(TimeUnit.SECONDS.toMillis(EXIT_WAIT_SECONDS));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
