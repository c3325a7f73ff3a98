package dev.lrlab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Merge;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.SwitchCond;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * A TF1 Keras-style SavedModel with a learning-phase switch, laid out as TF1 Keras and {@code tf.cond} (v1)
 * build it: {@code keras_learning_phase = PlaceholderWithDefault(false)}; {@code dense = x . w} for a {@code
 * VariableV2} {@code w} [2,1] = {{1}, {2}}; a Dropout-style cond {@code dropout/cond} whose true branch scales by
 * 1/keep (keep = 0.5 with a mask of ones, so {@code dense * 2}) and whose false branch is {@code
 * Identity(dense)}; {@code y = Merge(false, true) + b} for a {@code VariableV2} {@code b} [1] = {0.5}.
 *
 * <p>The cond: {@code Switch(phase, phase)} gives {@code switch_t} (port 1) and {@code switch_f} (port 0) as
 * Identities, {@code pred_id = Identity(phase)}, each branch reads {@code dense} through its own {@code
 * Switch(dense, pred_id)} (true port 1, false port 0), the true branch's constant hangs on {@code ^switch_t}, and
 * {@code Merge} takes the false value first, the true value second, as {@code control_flow_ops.cond} does.
 *
 * <p>So with x = (1, 1): inference gives y = 3 + 0.5 = 3.5, the training phase y = 6 + 0.5 = 6.5.
 */
public final class LearningPhaseModel {
    /** The signature's key. */
    public static final String SIGNATURE = "serving_default";

    private LearningPhaseModel() {
    }

    /**
     * @param dir export folder (must not exist)
     * @return {@code dir}
     * @throws IOException if the export fails
     */
    public static Path export(Path dir) throws IOException {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
            Ops layer = tf.withSubScope("dense");
            Variable<TFloat32> w = layer.withName("kernel").variable(tf.constant(new float[][] {{1f}, {2f}}));
            Variable<TFloat32> b = layer.withName("bias").variable(tf.constant(new float[] {0.5f}));
            Operand<TFloat32> dense = layer.withName("MatMul").linalg.matMul(x, w);
            PlaceholderWithDefault<TBool> phase = tf.withName("keras_learning_phase")
                    .placeholderWithDefault(tf.constant(false), Shape.scalar());
            Ops cond = tf.withSubScope("dropout").withSubScope("cond");
            SwitchCond<TBool> predSwitch = cond.withName("Switch").switchCond(phase, phase);
            Operand<TBool> switchT = cond.withName("switch_t").identity(predSwitch.outputTrue());
            cond.withName("switch_f").identity(predSwitch.outputFalse());
            Operand<TBool> predId = cond.withName("pred_id").identity(phase);
            SwitchCond<TFloat32> trueInput = cond.withSubScope("mul").withName("Switch").switchCond(dense, predId);
            Operand<TFloat32> inverseKeep = cond.withSubScope("mul").withControlDependencies(List.of(switchT)).withName("y")
                    .constant(2f);
            Operand<TFloat32> trueValue = cond.withName("mul").math.mul(trueInput.outputTrue(), inverseKeep);
            SwitchCond<TFloat32> falseInput = cond.withSubScope("Identity").withName("Switch").switchCond(dense, predId);
            Operand<TFloat32> falseValue = cond.withName("Identity").identity(falseInput.outputFalse());
            Merge<TFloat32> merge = cond.withName("Merge").merge(List.of(falseValue, trueValue));
            Operand<TFloat32> y = tf.withName("y").math.add(merge.output(), b);
            session.initialize();
            SavedModelBundle.exporter(dir.toString()).withSession(session)
                    .withFunction(SessionFunction.create(Signature.builder().key(SIGNATURE).input("x", x)
                            .output("y", y).build(), session))
                    .export();
            return dir;
        }
    }
}
