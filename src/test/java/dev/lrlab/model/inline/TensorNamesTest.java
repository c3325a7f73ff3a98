package dev.lrlab.model.inline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TensorNamesTest {
    @ParameterizedTest
    @CsvSource({
        "dense/Softmax,                 dense/Softmax,                0",
        "dense/Softmax:0,               dense/Softmax,                0",
        "split:2,                       split,                        2",
        "^init,                         init,                         0",
        "StatefulPartitionedCall:13,    StatefulPartitionedCall,      13",
    })
    void splitsANameIntoItsNodeAndOutput(String name, String node, int output) {
        assertEquals(node, TensorNames.nodeName(name));
        assertEquals(output, TensorNames.outputIndex(name));
    }
}
