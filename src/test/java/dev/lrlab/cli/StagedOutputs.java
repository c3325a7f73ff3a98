package dev.lrlab.cli;

import dev.lrlab.run.StopSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Finds the staging folder ({@code NAME.partial-STAMP}) a running command writes into. */
final class StagedOutputs {
    private StagedOutputs() {
    }

    /**
     * @param parent the folder that holds the target
     * @param target the target's name
     * @param file a file name inside the staging folder
     * @return that file in the first staging folder of {@code target}, or null when there is none yet
     */
    static Path stagedFile(Path parent, String target, String file) throws IOException {
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(target + ".partial-"))
                    .map(p -> p.resolve(file)).filter(Files::exists).findFirst().orElse(null);
        }
    }

    /**
     * Starts a thread that asks {@code stop} to stop, as SIGINT's handler does, once the staged {@code file} of
     * {@code target} holds more than {@code lines} lines; interrupt and join it when the run is over.
     *
     * @return the started watcher
     */
    static Thread stopWhenStagedLines(Path parent, String target, String file, int lines, StopSignal stop) {
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Path staged = stagedFile(parent, target, file);
                    if (staged != null && Files.readAllLines(staged).size() > lines) {
                        stop.stop("SIGINT");
                        return;
                    }
                    Thread.sleep(2);
                } catch (IOException | RuntimeException e) {
                    // the file is being written; look again
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        return watcher;
    }
}
