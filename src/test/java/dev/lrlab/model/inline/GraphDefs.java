package dev.lrlab.model.inline;

import java.util.List;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NameAttrList;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef.ArgDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/** Small builders for hand-made GraphDefs and FunctionDefs in tests. */
final class GraphDefs {
    static final AttrValue FLOAT = type(DataType.DT_FLOAT);

    private GraphDefs() {
    }

    static AttrValue type(DataType type) {
        return AttrValue.newBuilder().setType(type).build();
    }

    static AttrValue types(DataType... types) {
        return AttrValue.newBuilder().setList(AttrValue.ListValue.newBuilder().addAllType(List.of(types))).build();
    }

    static AttrValue function(String name) {
        return AttrValue.newBuilder().setFunc(NameAttrList.newBuilder().setName(name)).build();
    }

    static NodeDef node(String name, String op, List<String> inputs, Object... attrs) {
        NodeDef.Builder node = NodeDef.newBuilder().setName(name).setOp(op).addAllInput(inputs);
        for (int i = 0; i < attrs.length; i += 2) {
            node.putAttr((String) attrs[i], (AttrValue) attrs[i + 1]);
        }
        return node.build();
    }

    static NodeDef constant(String name, float value) {
        return node(name, "Const", List.of(), "dtype", FLOAT, "value", AttrValue.newBuilder().setTensor(
                TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
                        .setTensorShape(TensorShapeProto.getDefaultInstance()).addFloatVal(value)).build());
    }

    static ArgDef arg(String name, DataType type) {
        return ArgDef.newBuilder().setName(name).setType(type).build();
    }
}
