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
        assertEquals(DataSpec.builder().setData(data).optLabelColumn("y").build(), DataSpec.csv(data, "y"));
        assertEquals(Optional.empty(), DataSpec.csv(data, "y").labels());
        assertEquals(DataSpec.builder().setData(data).optLabelColumn("y").optFeatureColumns(List.of("a")).build(),
                DataSpec.csv(data, "y", List.of("a")));
        DataSpec npy = DataSpec.withLabels(Path.of("x.npy"), Path.of("y.npy"));
        assertEquals(Optional.of(Path.of("y.npy")), npy.labels());
        assertEquals(Optional.empty(), npy.labelColumn());
        assertEquals(npy, npy.toBuilder().build());
    }

    @Test
    void copiesTheColumnListAndRejectsNulls() {
        List<String> columns = new ArrayList<>(List.of("a"));
        DataSpec spec = DataSpec.csv(Path.of("d.csv"), "y", columns);
        columns.add("b");
        assertEquals(List.of("a"), spec.featureColumns().orElseThrow());
        assertThrows(UnsupportedOperationException.class, () -> spec.featureColumns().orElseThrow().add("c"));
        assertEquals("data", assertThrows(NullPointerException.class, () -> DataSpec.builder().setData(null)).getMessage());
        assertEquals("`data` is required: the data file (setData)",
                assertThrows(dev.lrlab.LrlabException.class, () -> DataSpec.builder().build()).getMessage());
    }
}
