package dev.lrlab.train;

import dev.lrlab.data.Batch;
import dev.lrlab.data.BatchBuffer;
import dev.lrlab.data.BatchOrder;
import dev.lrlab.run.RunSpec;
import dev.lrlab.train.FeedBatch;
import dev.lrlab.train.StepEngine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies the batches of the coming steps into their tensors on a background thread, several steps ahead of
 * the training loop, as tf.data's {@code prefetch} does: when step {@code k} asks for its batch it is
 * usually in native memory already, and the loop only feeds it. A step that is not the next one in order (a
 * new experiment starting again at step 0) restarts the copying there; the batches are those of
 * {@link BatchBuffer#fill(BatchOrder, long)} either way, so training gives the same numbers with or without
 * it.
 *
 * <p>Why and when: gathering a shuffled batch and copying it into a tensor is memory-bound work that a spare
 * core can do while the step trains. Where TensorFlow already keeps every core busy it gains nothing
 * (measured on 2 vCPUs, docs/benchmarks.md), so it is off unless {@link RunSpec#prefetch()} asks for it. The
 * copier is woken once every {@code slots / 2} steps, not at every step, because waking a thread costs tens
 * of microseconds on a virtual machine; it keeps at most {@link #MEMORY_BUDGET_BYTES} of batches (2 to 16).
 *
 * <p>Use from one thread: {@link #take(long)}, feed the batch, {@link #release(FeedBatch)}. Close it to stop
 * the thread and free the tensors.
 */
public final class FeedPrefetcher implements AutoCloseable {
    /** The most memory the batches in flight may hold. */
    static final long MEMORY_BUDGET_BYTES = 64L << 20;

    private final BatchBuffer buffer;
    private final BatchOrder order;
    private final int slots;
    private final List<FeedBatch> all = new ArrayList<>();
    private final Object lock = new Object();
    private final ArrayDeque<FeedBatch> free = new ArrayDeque<>();
    private final ArrayDeque<Ready> ready = new ArrayDeque<>();
    private boolean copierWaiting;
    private boolean stopping;
    private Thread copier;
    private long expected = -1;
    private boolean closed;

    private record Ready(long step, FeedBatch batch, Throwable failure) {
    }

    /**
     * @param engine makes the batches' tensors
     * @param buffer copies the training rows; from now on used only by the copier thread
     * @param order the batch order over the buffer's dataset
     */
    public FeedPrefetcher(StepEngine engine, BatchBuffer buffer, BatchOrder order) {
        this.buffer = buffer;
        this.order = order;
        this.slots = slotsFor((long) order.batchSize() * (buffer.dataset().featureCount() + 1) * Float.BYTES);
        for (int i = 0; i < slots; i++) {
            FeedBatch batch = engine.newFeedBatch();
            all.add(batch);
            free.add(batch);
        }
    }

    /** @return how many batches fit the memory budget, at least 2 and at most 16 */
    static int slotsFor(long batchBytes) {
        return (int) Math.max(2, Math.min(16, MEMORY_BUDGET_BYTES / Math.max(1, batchBytes)));
    }

    /** @return the batches in flight */
    int slots() {
        return slots;
    }

    /**
     * Returns step {@code step}'s batch, filled; pass it back to {@link #release(FeedBatch)} after the step.
     *
     * @param step step number of the whole run, from 0
     * @return the filled batch
     * @throws IllegalStateException when closed
     */
    public FeedBatch take(long step) {
        if (closed) {
            throw new IllegalStateException("feed prefetcher is closed");
        }
        if (step != expected) {
            restartAt(step);
        }
        Ready next;
        synchronized (lock) {
            boolean interrupted = false;
            while (ready.isEmpty()) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the copier is microseconds away: finish the step, hand the flag back
                }
            }
            next = ready.poll();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (next.failure() != null) {
            expected = -1; // the copier has stopped; the next take starts it again
            if (next.failure() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (next.failure() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(next.failure());
        }
        expected = step + 1;
        return next.batch();
    }

    /** @param batch a batch from {@link #take(long)}, fed and no longer needed */
    public void release(FeedBatch batch) {
        synchronized (lock) {
            free.add(batch);
            if (copierWaiting && free.size() >= slots / 2) {
                lock.notifyAll();
            }
        }
    }

    private void restartAt(long step) {
        stopCopier();
        synchronized (lock) {
            for (Ready r : ready) {
                if (r.batch() != null) {
                    free.add(r.batch());
                }
            }
            ready.clear();
            stopping = false;
        }
        copier = new Thread(() -> copyFrom(step), "lrlab-feed-prefetch"); // the previous copier has ended
        copier.setDaemon(true);
        copier.start();
    }

    private void copyFrom(long first) {
        for (long step = first; ; step++) {
            FeedBatch slot;
            synchronized (lock) {
                while (free.isEmpty() && !stopping) {
                    copierWaiting = true;
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    } finally {
                        copierWaiting = false;
                    }
                }
                if (stopping) {
                    return;
                }
                slot = free.poll();
            }
            Ready done;
            try {
                Batch batch = buffer.fill(order, step);
                slot.fill(batch.features(), batch.labels(), batch.size());
                done = new Ready(step, slot, null);
            } catch (RuntimeException | Error e) {
                done = new Ready(step, null, e);
            }
            synchronized (lock) {
                if (done.failure() != null) {
                    free.add(slot);
                }
                ready.add(done);
                lock.notifyAll();
            }
            if (done.failure() != null) {
                return;
            }
        }
    }

    private void stopCopier() {
        if (copier == null) {
            return;
        }
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
        }
        boolean interrupted = false;
        while (copier.isAlive()) {
            try {
                copier.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        copier = null;
    }

    /** Stops the copier and frees every batch's tensors. Closing twice does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopCopier();
        all.forEach(FeedBatch::close);
    }
}
