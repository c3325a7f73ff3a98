package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lrlab.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 11): a fraction in a column that feeds an integer model input was rounded silently. Through the
 * command line, {@code lrlab train} on the Keras petfinder model (input {@code Age} is INT64) refuses it with exit 3
 * and one line naming the file, the line, the column and the input. Skipped without the shared fixtures.
 */
class FractionToIntegerInputCliTest {
    private static final String FEATURES = "Type,Age,Breed1,Gender,Color1,Color2,MaturitySize,FurLength,Vaccinated,"
            + "Sterilized,Health,Fee,PhotoAmt";

    @TempDir
    Path temp;

    @Test
    void trainRefusesAFractionForAnInt64InputWithFileLineAndColumnAndExit3() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Fixtures.shared("keras_petfinder_lookup.csv")).subList(0, 21));
        for (int i = 0; i < lines.size(); i++) {
            lines.set(i, lines.get(i) + (i == 0 ? ",adopted" : lines.get(i).endsWith(",4") ? ",0" : ",1"));
        }
        String line4 = lines.get(3);
        lines.set(3, line4.replaceFirst("^(Cat|Dog),\\d+,", "$1,2.5,"));
        assertFalse(line4.equals(lines.get(3)), "line 4 has an Age to replace: " + line4);
        Path data = Files.write(temp.resolve("pets.csv"), lines);
        CliRun run = CliRun.of("train", Fixtures.shared("keras_petfinder_lookup").toString(), "--data", data.toString(),
                "--label", "adopted", "--features", FEATURES, "--skip-incomplete", "--loss", "binary-crossentropy",
                "--from-logits", "--steps", "2", "--out", temp.resolve("c.csv").toString());
        assertEquals(ExitCode.DATA, run.code(), run.err());
        assertEquals("lrlab: " + data + ":4: column 'Age' holds '2.5', but model input 'Age' is INT64 and takes whole "
                + "numbers, not fractions; fix the data or feed another column", run.lastErrorLine());
        assertFalse(run.err().contains("Exception"), run.err());
    }
}
