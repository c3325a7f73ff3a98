package dev.lrlab.model.inline;

import static dev.lrlab.model.inline.GraphDefs.FLOAT;
import static dev.lrlab.model.inline.GraphDefs.arg;
import static dev.lrlab.model.inline.GraphDefs.constant;
import static dev.lrlab.model.inline.GraphDefs.function;
import static dev.lrlab.model.inline.GraphDefs.node;
import static dev.lrlab.model.inline.GraphDefs.types;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.FunctionDefLibrary;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class FunctionInlinerTest {
    private static final DataType F = DataType.DT_FLOAT;

    /** pair(x, y) = (x + y, x * y). */
    private static FunctionDef pair() {
        return FunctionDef.newBuilder()
                .setSignature(OpDef.newBuilder().setName("pair").addInputArg(arg("x", F)).addInputArg(arg("y", F))
                        .addOutputArg(arg("sum", F)).addOutputArg(arg("prod", F)))
                .addNodeDef(node("add", "AddV2", List.of("x", "y"), "T", FLOAT))
                .addNodeDef(node("mul", "Mul", List.of("x", "y"), "T", FLOAT))
                .putRet("sum", "add:z:0").putRet("prod", "mul:z:0")
                .build();
    }

    /** second(p, q) = pair(p, q)[1], through a nested PartitionedCall. */
    private static FunctionDef second() {
        return FunctionDef.newBuilder()
                .setSignature(OpDef.newBuilder().setName("second").addInputArg(arg("p", F)).addInputArg(arg("q", F))
                        .addOutputArg(arg("r", F)))
                .addNodeDef(node("inner", "PartitionedCall", List.of("p", "q"), "f", function("pair"),
                        "Tin", types(F, F), "Tout", types(F, F)))
                .putRet("r", "inner:output:1")
                .build();
    }

    /** identity_t(a: T) = a, with a $T placeholder in the body. */
    private static FunctionDef identityT() {
        return FunctionDef.newBuilder()
                .setSignature(OpDef.newBuilder().setName("identity_t")
                        .addAttr(OpDef.AttrDef.newBuilder().setName("T").setType("type"))
                        .addInputArg(OpDef.ArgDef.newBuilder().setName("a").setTypeAttr("T"))
                        .addOutputArg(OpDef.ArgDef.newBuilder().setName("b").setTypeAttr("T")))
                .addNodeDef(node("i", "Identity", List.of("a"), "T",
                        AttrValue.newBuilder().setPlaceholder("T").build()))
                .putRet("b", "i:output:0")
                .build();
    }

    /** read(h) = value of resource h; the read is a control output. */
    private static FunctionDef read() {
        return FunctionDef.newBuilder()
                .setSignature(OpDef.newBuilder().setName("read").addInputArg(arg("h", DataType.DT_RESOURCE))
                        .addOutputArg(arg("v", F)).addControlOutput("r"))
                .addNodeDef(node("r", "ReadVariableOp", List.of("h"), "dtype", FLOAT))
                .addNodeDef(node("out", "Identity", List.of("r:value:0"), "T", FLOAT))
                .putRet("v", "out:output:0").putControlRet("r", "r")
                .build();
    }

    /** unique_index(v) = Unique(v).idx: the second output arg, flat index 1. */
    private static FunctionDef uniqueIndex() {
        return FunctionDef.newBuilder()
                .setSignature(OpDef.newBuilder().setName("unique_index").addInputArg(arg("v", F))
                        .addOutputArg(arg("idx", DataType.DT_INT32)))
                .addNodeDef(node("u", "Unique", List.of("v"), "T", FLOAT, "out_idx", GraphDefs.type(DataType.DT_INT32)))
                .putRet("idx", "u:idx:0")
                .build();
    }

    private static GraphDef graph(NodeDef... nodes) {
        return GraphDef.newBuilder().addAllNode(List.of(nodes)).setLibrary(FunctionDefLibrary.newBuilder()
                .addFunction(pair()).addFunction(second()).addFunction(identityT()).addFunction(read())
                .addFunction(uniqueIndex())).build();
    }

    private static NodeDef find(GraphDef graph, String name) {
        return graph.getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow();
    }

    private static float runFloat(GraphDef graph, String tensor) {
        try (Graph g = new Graph()) {
            g.importGraphDef(graph);
            try (Session s = new Session(g); Result r = s.runner().fetch(tensor).run()) {
                return ((TFloat32) r.get(0)).getFloat();
            }
        }
    }

    @Test
    void multiOutputCallBecomesOneIdentityPerOutputAndANoOpAndConsumersAreRewired() {
        GraphDef graph = graph(constant("x", 2f), constant("y", 5f),
                node("C", "PartitionedCall", List.of("x", "y"), "f", function("pair"), "Tin", types(F, F),
                        "Tout", types(F, F)),
                node("out", "Sub", List.of("C:1", "C"), "T", FLOAT),
                node("after", "NoOp", List.of("^C")));
        GraphDef inlined = FunctionInliner.withRegisteredOps().inline(graph, List.of("out", "after"));

        assertEquals("NoOp", find(inlined, "C").getOp());
        assertEquals(List.of("^C/inlined_output_0", "^C/inlined_output_1"), find(inlined, "C").getInputList());
        assertEquals("Identity", find(inlined, "C/inlined_output_1").getOp());
        assertEquals(List.of("C/mul"), find(inlined, "C/inlined_output_1").getInputList());
        assertEquals(List.of("C/inlined_output_1", "C/inlined_output_0"), find(inlined, "out").getInputList());
        assertEquals(List.of("x", "y"), find(inlined, "C/add").getInputList(), "args replaced by call inputs");
        assertEquals("C/inlined_output_1:0", FunctionInliner.resolveTensor(inlined, "C:1"));
        assertEquals("out:0", FunctionInliner.resolveTensor(inlined, "out:0"));
        // 2 * 5 - (2 + 5) = 3
        assertEquals(3f, runFloat(inlined, "out"));
    }

    @Test
    void nestedCallsAreInlinedRecursivelyWithFlatOutputIndices() {
        GraphDef graph = graph(constant("x", 2f), constant("y", 5f),
                node("W", "StatefulPartitionedCall", List.of("x", "y"), "f", function("second"),
                        "Tin", types(F, F), "Tout", types(F)),
                node("saver", "PartitionedCall", List.of("x", "y"), "f", function("pair"), "Tin", types(F, F),
                        "Tout", types(F, F)));
        GraphDef inlined = FunctionInliner.withRegisteredOps().inline(graph, List.of("W:0"));

        assertEquals("Identity", find(inlined, "W").getOp());
        assertEquals(List.of("W/inner/inlined_output_1"), find(inlined, "W").getInputList());
        assertEquals("Mul", find(inlined, "W/inner/mul").getOp());
        assertEquals("PartitionedCall", find(inlined, "saver").getOp(), "calls that are not needed stay calls");
        assertEquals(5, inlined.getLibrary().getFunctionCount());
        assertEquals(10f, runFloat(inlined, "W"));
    }

    @Test
    void directCallResolvesAttrPlaceholdersFromTheCall() {
        GraphDef graph = graph(constant("x", 2f), node("z", "identity_t", List.of("x"), "T", FLOAT));
        GraphDef inlined = FunctionInliner.withRegisteredOps().inline(graph, List.of("z"));

        assertEquals(FLOAT, find(inlined, "z/i").getAttrOrThrow("T"));
        assertEquals(FLOAT, find(inlined, "z").getAttrOrThrow("T"));
        assertEquals(2f, runFloat(inlined, "z"));
    }

    @Test
    void controlRetsGuardTheOutputAndCallControlsGuardBodyRoots() {
        GraphDef graph = graph(
                node("v", "VarHandleOp", List.of(), "dtype", FLOAT, "shape",
                        AttrValue.newBuilder().setShape(org.tensorflow.proto.TensorShapeProto.getDefaultInstance()).build(),
                        "shared_name", AttrValue.newBuilder().setS(com.google.protobuf.ByteString.copyFromUtf8("v")).build()),
                constant("four", 4f),
                node("init", "AssignVariableOp", List.of("v", "four"), "dtype", FLOAT),
                node("C", "StatefulPartitionedCall", List.of("v", "^init"), "f", function("read"),
                        "Tin", types(DataType.DT_RESOURCE), "Tout", types(F)));
        GraphDef inlined = FunctionInliner.withRegisteredOps().inline(graph, List.of("C"));

        assertEquals(List.of("v", "^init"), find(inlined, "C/r").getInputList());
        assertEquals(List.of("C/r"), find(inlined, "C/out").getInputList(), "body-fed nodes get no call controls");
        assertEquals(List.of("C/out", "^C/r", "^init"), find(inlined, "C").getInputList());
        assertEquals(4f, runFloat(inlined, "C"), "the variable is assigned before the read, through ^init");
    }

    @Test
    void outputArgNamesMapToFlatIndicesOfTheRegisteredOp() {
        GraphDef graph = graph(node("v", "Const", List.of(), "dtype", FLOAT, "value", AttrValue.newBuilder()
                        .setTensor(org.tensorflow.proto.TensorProto.newBuilder().setDtype(F)
                                .setTensorShape(org.tensorflow.proto.TensorShapeProto.newBuilder()
                                        .addDim(org.tensorflow.proto.TensorShapeProto.Dim.newBuilder().setSize(3)))
                                .addFloatVal(3f).addFloatVal(3f).addFloatVal(5f)).build()),
                node("U", "unique_index", List.of("v")));
        GraphDef inlined = FunctionInliner.withRegisteredOps().inline(graph, List.of("U"));

        assertEquals(List.of("U/u:1"), find(inlined, "U").getInputList());
        try (Graph g = new Graph()) {
            g.importGraphDef(inlined);
            try (Session s = new Session(g); Result r = s.runner().fetch("U").run()) {
                TInt32 idx = (TInt32) r.get(0);
                assertArrayEquals(new int[] {0, 0, 1}, new int[] {idx.getInt(0), idx.getInt(1), idx.getInt(2)});
            }
        }
    }

    @Test
    void missingNeededNodeIsReportedByName() {
        GraphDef graph = graph(constant("x", 2f));
        LrlabException e = assertThrows(LrlabException.class,
                () -> FunctionInliner.withRegisteredOps().inline(graph, List.of("nope:0")));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }

    @Test
    void callToMissingFunctionIsReported() {
        GraphDef graph = graph(constant("x", 2f), node("C", "PartitionedCall", List.of("x"), "f", function("gone"),
                "Tin", types(F), "Tout", types(F)));
        LrlabException e = assertThrows(LrlabException.class,
                () -> FunctionInliner.withRegisteredOps().inline(graph, List.of("C")));
        assertTrue(e.getMessage().contains("'gone'"), e.getMessage());
    }
}
