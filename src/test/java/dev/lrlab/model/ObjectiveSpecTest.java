package dev.lrlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObjectiveSpecTest {
    @Test
    void anEmptyBuilderInfersEverythingForOneNonIntegerLabelPerRow() {
        ObjectiveSpec spec = ObjectiveSpec.builder().build();
        assertEquals(Optional.empty(), spec.outputKey());
        assertEquals(Optional.empty(), spec.lossKind());
        assertEquals(Optional.empty(), spec.fromLogits());
        assertEquals(1, spec.labelWidth());
        assertEquals(false, spec.labelsAreIntegers());
        assertEquals(0, spec.labelClassCount());
        assertEquals(ObjectiveSpec.inferred(false), spec);
        assertNotEquals(ObjectiveSpec.inferred(true), spec);
    }

    @Test
    void eachSettingIsKeptAndANullOneIsLeftToInference() {
        ObjectiveSpec spec = ObjectiveSpec.builder().optOutputKey("scores").optLossKind(LossKind.CATEGORICAL_CROSSENTROPY)
                .optFromLogits(true).optLabelWidth(3).optLabelsAreIntegers(true).optLabelClassCount(3).build();
        assertEquals("ObjectiveSpec[outputKey=Optional[scores], lossKind=Optional[CATEGORICAL_CROSSENTROPY], "
                + "fromLogits=Optional[true], labelWidth=3, labelsAreIntegers=true, labelClassCount=3]", spec.toString());
        ObjectiveSpec open = ObjectiveSpec.builder().optOutputKey(null).optLossKind(null).optFromLogits(null).build();
        assertEquals(ObjectiveSpec.builder().build(), open);
        assertEquals(ObjectiveSpec.builder().build().hashCode(), open.hashCode());
    }

    @Test
    void aNegativeClassCountIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ObjectiveSpec.builder().optLabelClassCount(-1).build());
        assertEquals("labelClassCount must be >= 0, found -1", e.getMessage());
    }

    @Test
    void theClassCountIsTheLargestWholeLabelPlusOne() {
        assertEquals(3, ObjectiveSpec.classCountOf(new float[] {0, 2, 1}));
        assertEquals(0, ObjectiveSpec.classCountOf(new float[] {0, 1.5f}));
        assertEquals(0, ObjectiveSpec.classCountOf(new float[] {-1, 1}));
        assertEquals(0, ObjectiveSpec.classCountOf(new float[0]));
    }
}
