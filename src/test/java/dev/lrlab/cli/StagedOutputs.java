package dev.lrlab.cli;

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
}
