package dev.lrlab.fit;

import dev.lrlab.Directories;
import dev.lrlab.LrlabException;
import dev.lrlab.model.ModelExporter;
import dev.lrlab.model.VariableSnapshot;
import dev.lrlab.rangetest.RangeTest;
import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.rangetest.RangeTestResult;
import dev.lrlab.rangetest.RangeTestSetup;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StepRow;
import dev.lrlab.run.StopReason;
import dev.lrlab.run.StopSignal;
import dev.lrlab.train.OptimizerKind;
import dev.lrlab.training.TrainResult;
import dev.lrlab.training.TrainRun;
import dev.lrlab.training.TrainSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * From a model to a trained model in one call, as fastai's {@code learn.lr_find()} then
 * {@code learn.fit_one_cycle(epochs, lr_max)}:
 *
 * <ol>
 *   <li>a range test ({@link RangeTest}) with the run's own optimizer (the model's compile settings, else the spec's
 *       default), which restores every variable and optimizer slot bit for bit (skipped when the rate is
 *       given);</li>
 *   <li>the rate the policy needs ({@link RateChoice#of}): the valley suggestion, or the cyclical bounds;</li>
 *   <li>training for the configured epochs with the policy's schedule ({@link FitPolicy#schedule}), validating at
 *       every epoch end ({@link TrainRun}): the same steps, on the same batches, as {@code range-test} then
 *       {@code train} in two processes;</li>
 *   <li>the trained model staged for export, when asked for and the training completed;</li>
 *   <li>with {@link FitConfig#compare()}, the same training at 1/10 and 10x the chosen rate (every rate of the
 *       schedule scaled), each from the weights and optimizer slots the first training started from, on the same
 *       batches.</li>
 * </ol>
 *
 * <pre>{@code
 * FitResult fit = Fit.run(spec, FitConfig.builder().optEpochs(3).optExport(Path.of("runs/trained")).build());
 * System.out.println(fit.choice().orElseThrow().reason() + ": validation loss " + fit.finalValLoss());
 * FitOutputs.write(Path.of("runs/fit"), fit); // range test, curves, plot, summary
 * }</pre>
 *
 * <p>The hypergradient policy sweeps with the fixed-rate optimizer ({@code sgd}, {@code nesterov}, {@code adam}) and
 * trains with its hypergradient counterpart ({@code sgd-hd}, {@code sgdn-hd} for momentum and Nesterov,
 * {@code adam-hd}) from alpha_0 = the valley rate, or with the spec's own when it names one.
 */
public final class Fit {
    private Fit() {
    }

    /**
     * Runs a fit to its end and moves the export into place.
     *
     * @param spec the model, data and run settings
     * @param config the policy, rate, length, comparison and export
     * @return what happened; a training that diverged is reported in {@link FitResult#stop()}, not thrown
     * @throws LrlabException (OUTPUT) when the export target is not new, empty or a SavedModel; as
     *     {@link #run(RunSpec, FitConfig, FitListener, StopSignal)}
     */
    public static FitResult run(RunSpec spec, FitConfig config) {
        config.export().ifPresent(target -> ModelExporter.checkTarget(target, false));
        FitResult result = run(spec, config, FitListener.NONE, new StopSignal());
        if (result.export().isEmpty()) {
            return result;
        }
        Path target = config.export().orElseThrow();
        ModelExporter.moveIntoPlace(result.export().get(), target);
        return result.toBuilder().optExport(target).build();
    }

    /**
     * Runs a fit. The export, when configured and the training at the chosen rate completed, is written into a
     * sibling of the target and returned in {@link FitResult#export()}: move it into place with
     * {@link ModelExporter#moveIntoPlace} once the rest of the output is written (check the target with
     * {@link ModelExporter#checkTarget} before the call), or delete it.
     *
     * @param spec the model, data and run settings
     * @param config the policy, rate, length, comparison and export
     * @param listener hears every point, the choice and every training row as they come
     * @param stop checked before every step; when set, the fit ends with what it has
     * @return what happened
     * @throws LrlabException (USAGE) for a hypergradient optimizer with a fixed-rate policy; (DATA) when the range
     *     test suggests no rate, with its reason; as {@link PreparedRun#open(RunSpec)} and {@link RangeTest#run}
     */
    public static FitResult run(RunSpec spec, FitConfig config, FitListener listener, StopSignal stop) {
        long started = System.nanoTime();
        OptimizerKind kind = spec.optimizer().kind();
        FitPolicy policy = config.policy();
        if (kind.isHypergradient() && policy != FitPolicy.HD) {
            throw LrlabException.usage("the optimizer " + kind.cliName() + " adapts its own rate, which the `policy` "
                    + policy.cliName() + " would set; use `policy` hd, or the optimizer "
                    + kind.fixedRateKind().cliName());
        }
        boolean hypergradient = policy == FitPolicy.HD;
        RunSpec trainSpec = hypergradient && !kind.isHypergradient()
                ? spec.withOptimizerKind(kind.hypergradientKind()) : spec;
        RunSpec sweepSpec = hypergradient
                ? trainSpec.withOptimizerKind(trainSpec.optimizer().kind().fixedRateKind()) : spec;
        PreparedRun run = PreparedRun.open(sweepSpec);
        try {
            listener.onPrepared(run);
            long steps = config.trainingSteps(run.stepsPerEpoch());
            Optional<RangeTestResult> rangeTest = Optional.empty();
            RateChoice choice;
            if (config.lr().isPresent()) {
                choice = RateChoice.given(policy, config.lr().getAsDouble());
            } else {
                RangeTestConfig sweep = config.rangeTest().orElseGet(() -> RangeTestConfig.builder()
                        .optMomentum(sweepSpec.compile().momentum().value()).build());
                listener.onRangeTestStart(RangeTestSetup.of(run, sweep));
                RangeTestResult result = RangeTest.run(run, sweep, listener::onRangeTestPoint, stop);
                rangeTest = Optional.of(result);
                if (result.interrupted()) {
                    return FitResult.builder().setSpec(trainSpec).setConfig(config)
                            .setCompileSettings(run.compileSettingsMap()).optAccuracy(accuracy(run)).optRangeTest(result)
                            .optStop(result.stop().orElseThrow())
                            .setWallTime(Duration.ofNanos(System.nanoTime() - started)).build();
                }
                choice = RateChoice.of(policy, result);
            }
            listener.onChoice(choice);
            if (hypergradient) {
                PreparedRun sweepRun = run;
                run = null;
                sweepRun.close();
                run = PreparedRun.open(trainSpec);
                listener.onPrepared(run);
            }
            return train(run, config, rangeTest, choice, steps, listener, stop, started);
        } finally {
            if (run != null) {
                run.close();
            }
        }
    }

    /** Trains at the chosen rate, stages the export, then trains the comparisons from the same start. */
    private static FitResult train(PreparedRun run, FitConfig config, Optional<RangeTestResult> rangeTest,
            RateChoice choice, long steps, FitListener listener, StopSignal stop, long started) {
        Path staged = null;
        try (VariableSnapshot initial = config.compare() ? run.snapshot() : null) {
            List<FitTraining> trainings = new ArrayList<>();
            FitTraining chosen = train(run, config.policy(), choice, steps, 1, listener, stop);
            trainings.add(chosen);
            Optional<StopReason> stopped = chosen.result().stop();
            if (stopped.isEmpty() && config.export().isPresent()) {
                staged = run.stageExport(config.export().get());
            }
            if (stopped.isEmpty() && config.compare()) {
                for (double factor : FitConfig.COMPARE_FACTORS) {
                    run.restore(initial);
                    FitTraining comparison = train(run, config.policy(), choice, steps, factor, listener, stop);
                    trainings.add(comparison);
                    Optional<StopReason> end = comparison.result().stop();
                    if (end.isPresent() && end.get().kind() == StopReason.Kind.INTERRUPTED) {
                        stopped = end;
                        break;
                    }
                }
            }
            FitResult.Builder built = FitResult.builder().setSpec(run.spec()).setConfig(config)
                    .setCompileSettings(run.compileSettingsMap()).optAccuracy(accuracy(run)).optChoice(choice)
                    .optTrainings(trainings).setWallTime(Duration.ofNanos(System.nanoTime() - started));
            rangeTest.ifPresent(built::optRangeTest);
            stopped.ifPresent(built::optStop);
            if (staged != null) {
                built.optExport(staged);
            }
            FitResult result = built.build();
            staged = null;
            return result;
        } finally {
            Directories.deleteQuietly(staged);
        }
    }

    private static FitTraining train(PreparedRun run, FitPolicy policy, RateChoice choice, long steps, double factor,
            FitListener listener, StopSignal stop) {
        TrainSettings settings = new TrainSettings(steps, policy.schedule(choice, steps, factor),
                run.spec().compile().momentum().value());
        listener.onTrainingStart(factor, settings, run.spec(), accuracy(run));
        List<StepRow> rows = new ArrayList<>();
        TrainResult result = TrainRun.run(run, settings, row -> {
            rows.add(row);
            listener.onStep(factor, row);
        }, stop);
        return new FitTraining(factor, settings, rows, result);
    }

    private static boolean accuracy(PreparedRun run) {
        return run.engine().objective().accuracy().isPresent();
    }

}
