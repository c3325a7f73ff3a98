package dev.lrlab.rangetest.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;
import dev.lrlab.suggest.SuggestionMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code range-tests.csv}: the exact text, rows flushed as they come, and read back to the same doubles. */
class RangeTestTableTest {
    @TempDir
    Path temp;

    private static final RangeTestTable.Row OK_ROW = RangeTestTable.Row.ok("iris-mlp", "models/iris-mlp", "iris.csv",
            Map.of(SuggestionMethod.VALLEY, 0.010397984184814899, SuggestionMethod.STEEP, 1.2154742500762864E-6), 60,
            "ran every step");
    private static final RangeTestTable.Row FAILED_ROW = RangeTestTable.Row.failed("broken", "/m/broken", "iris.csv",
            "executor 1 on host: /m/broken/saved_model.pb is damaged, \"really\"");

    @Test
    void eachRowIsInTheFileAsSoonAsItIsAppended() throws IOException {
        Path file = temp.resolve(RangeTestTable.FILE);
        try (RangeTestTable table = RangeTestTable.create(file, false)) {
            assertEquals("run,model,data,status,valley,slide,minimum,steep,steps,stop,error\n", Files.readString(file));
            table.append(OK_ROW);
            assertEquals("run,model,data,status,valley,slide,minimum,steep,steps,stop,error\n"
                    + "iris-mlp,models/iris-mlp,iris.csv,ok,0.010397984184814899,,,1.2154742500762864E-6,60,ran every step,\n",
                    Files.readString(file));
            table.append(FAILED_ROW);
        }
        assertEquals("run,model,data,status,valley,slide,minimum,steep,steps,stop,error\n"
                + "iris-mlp,models/iris-mlp,iris.csv,ok,0.010397984184814899,,,1.2154742500762864E-6,60,ran every step,\n"
                + "broken,/m/broken,iris.csv,failed,,,,,,,\"executor 1 on host: /m/broken/saved_model.pb is damaged, "
                + "\"\"really\"\"\"\n", Files.readString(file));
        assertEquals(List.of(OK_ROW, FAILED_ROW), RangeTestTable.read(file));
    }

    @Test
    void anExistingTableIsReplacedOnlyWithForce() throws IOException {
        Path file = Files.writeString(temp.resolve(RangeTestTable.FILE), "old\n");
        LrlabException e = assertThrows(LrlabException.class, () -> RangeTestTable.create(file, false));
        assertEquals(LrlabException.Kind.OUTPUT, e.kind());
        assertEquals("old\n", Files.readString(file));
        RangeTestTable.create(file, true).close();
        assertEquals("run,model,data,status,valley,slide,minimum,steep,steps,stop,error\n", Files.readString(file));
    }

    @Test
    void aFileWithOtherColumnsIsNotATable() throws IOException {
        Path file = Files.writeString(temp.resolve("trials.csv"), "stage,lr\ncoarse,0.1\n");
        LrlabException e = assertThrows(LrlabException.class, () -> RangeTestTable.read(file));
        assertEquals(LrlabException.Kind.DATA, e.kind());
        assertEquals(file + " is not a batch's range-test table: expected the columns " + RangeTestTable.COLUMNS
                + ", found [stage, lr]", e.getMessage());
    }
}
