import dev.lrlab.data.DataSpec;
import dev.lrlab.model.SessionOptions;
import dev.lrlab.rangetest.RangeTest;
import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StepListener;
import dev.lrlab.run.StopSignal;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One side of scripts/bench/vs-pytorch: opens a range test on MODEL (Fashion-MNIST IDX images and labels, SGD, no
 * divergence stop, rates START -> END exponential) once, prints "ready", then for every line N read from stdin runs
 * RangeTest.run for N steps (the model restored after each) and prints its seconds per step. The session options
 * (threads, XLA) are TensorFlow's per process, so each setting runs in its own process. Not part of the tests.
 *
 *   java -cp "target/lrlab.jar:target/lib/*" scripts/bench/LrlabSteps.java MODEL IMAGES LABELS BATCH INTRA INTER XLA
 */
public final class LrlabSteps {
    public static void main(String[] args) throws Exception {
        SessionOptions session = new SessionOptions(Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                Boolean.parseBoolean(args[6]));
        RunSpec spec = RunSpec.builder().setModel(Path.of(args[0]))
                .setData(DataSpec.withLabels(Path.of(args[1]), Path.of(args[2])))
                .optBatchSize(Integer.parseInt(args[3])).optValidationFraction(0).optSession(session).build();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (PreparedRun run = PreparedRun.open(spec)) {
            secondsPerStep(run, 20); // warm-up: the first steps pay for TensorFlow's graph optimizations (and XLA)
            System.out.println("ready");
            System.out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                System.out.println(String.format(Locale.ROOT, "%.6g", secondsPerStep(run, Integer.parseInt(line.trim()))));
                System.out.flush();
            }
        }
    }

    private static double secondsPerStep(PreparedRun run, int steps) {
        RangeTestConfig config = RangeTestConfig.builder().optStartLr(1e-7).optEndLr(0.1).optSteps(steps)
                .optStopOnDivergence(false).build();
        return 1 / RangeTest.run(run, config, StepListener.none(), new StopSignal()).stepsPerSecond();
    }
}
