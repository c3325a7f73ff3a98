package dev.lrlab.model.inline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.proto.NodeDef;

class TensorNamesTest {
    @ParameterizedTest
    @CsvSource({
        "dense/Softmax,                 dense/Softmax,                0,  dense/Softmax:0",
        "dense/Softmax:0,               dense/Softmax,                0,  dense/Softmax:0",
        "split:2,                       split,                        2,  split:2",
        "^init,                         init,                         0,  init:0",
        "StatefulPartitionedCall:13,    StatefulPartitionedCall,      13, StatefulPartitionedCall:13",
    })
    void splitsANameIntoItsNodeAndOutput(String name, String node, int output, String canonical) {
        assertEquals(node, TensorNames.nodeName(name));
        assertEquals(output, TensorNames.outputIndex(name));
        assertEquals(canonical, TensorNames.canonical(name));
        assertEquals(canonical, TensorNames.tensorName(node, output));
    }

    @Test
    void controlInputsAreTheCaretOnesAndCarryNoValue() {
        NodeDef add = node("add", "x", "^init", "y:1", "^ready");
        assertEquals(List.of("x", "y:1"), TensorNames.dataInputs(add));
        assertEquals(List.of("^init", "^ready"), TensorNames.controlInputs(add));
        assertEquals("^init", TensorNames.control("init"));
        assertTrue(TensorNames.isControl("^init"));
        assertFalse(TensorNames.isControl("init:0"));
    }

    /** loss <- add <- (x, w:0, ^init); init <- ^w; unknown names are walked past. */
    @Test
    void ancestorsFollowControlInputsOnlyWhenAsked() {
        Map<String, NodeDef> graph = List.of(node("loss", "add"), node("add", "x", "w:0", "^init"),
                node("x"), node("w"), node("init", "^w", "missing")).stream()
                .collect(Collectors.toMap(NodeDef::getName, Function.identity()));
        assertEquals(Set.of("loss", "add", "x", "w"), TensorNames.ancestors(graph::get, List.of("loss:0"), false));
        assertEquals(Set.of("loss", "add", "x", "w", "init"), TensorNames.ancestors(graph::get, List.of("^loss"), true));
        assertEquals(Set.of(), TensorNames.ancestors(graph::get, List.of("nowhere"), true));
    }

    private static NodeDef node(String name, String... inputs) {
        return NodeDef.newBuilder().setName(name).setOp("NoOp").addAllInput(List.of(inputs)).build();
    }
}
