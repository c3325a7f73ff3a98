package dev.lrlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DataSpecTest {
    @Test
    void factoriesFillTheRightParts() {
        Path data = Path.of("d.csv");
        assertEquals(new DataSpec(data, Optional.empty(), Optional.of("y"), Optional.empty()), DataSpec.csv(data, "y"));
        assertEquals(new DataSpec(data, Optional.empty(), Optional.of("y"), Optional.of(List.of("a"))),
                DataSpec.csv(data, "y", List.of("a")));
        assertEquals(new DataSpec(Path.of("x.npy"), Optional.of(Path.of("y.npy")), Optional.empty(), Optional.empty()),
                DataSpec.withLabels(Path.of("x.npy"), Path.of("y.npy")));
    }

    @Test
    void copiesTheColumnListAndRejectsNulls() {
        List<String> columns = new ArrayList<>(List.of("a"));
        DataSpec spec = DataSpec.csv(Path.of("d.csv"), "y", columns);
        columns.add("b");
        assertEquals(List.of("a"), spec.featureColumns().orElseThrow());
        assertThrows(UnsupportedOperationException.class, () -> spec.featureColumns().orElseThrow().add("c"));
        assertThrows(NullPointerException.class,
                () -> new DataSpec(null, Optional.empty(), Optional.empty(), Optional.empty()));
    }
}
