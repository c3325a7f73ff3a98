package dev.lrlab.rangetest;

import dev.lrlab.LrlabException;
import dev.lrlab.model.VariableSnapshot;
import dev.lrlab.run.DivergenceDetector;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StepListener;
import dev.lrlab.run.StopReason;
import dev.lrlab.run.StopSignal;
import dev.lrlab.suggest.CyclicBounds;
import dev.lrlab.suggest.LossSmoother;
import dev.lrlab.suggest.LrSuggester;
import dev.lrlab.suggest.Suggestion;
import dev.lrlab.suggest.Suggestions;
import dev.lrlab.train.Evaluation;
import dev.lrlab.train.OptimizerKind;
import dev.lrlab.train.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The learning-rate range test (Smith 2017; fastai's {@code lr_find}): train for a few steps while the
 * rate grows from a tiny to a huge value, record the loss at each rate, stop when the loss explodes, and
 * suggest rates from the smoothed curve. The model is left exactly as it was: every variable and
 * optimizer slot is snapshotted before the first step and restored bit for bit at the end, whatever
 * happened (divergence, interruption, an exception from a listener).
 *
 * <pre>{@code
 * try (PreparedRun run = PreparedRun.open(RunSpec.builder().setModel(Path.of("models/digits-mlp"))
 *         .setData(DataSpec.csv(Path.of("data-samples/digits.csv"), "label")).build())) {
 *     RangeTestResult result = RangeTest.run(run);
 *     System.out.println("suggested learning rate: " + result.suggestedLr());
 *     RangeTestOutputs.write(Path.of("runs/range-test"), result); // CSV, PNG and SVG plot, summary
 * }
 * }</pre>
 *
 * <p>Step {@code k} trains on batch {@code k} of the run's batch order at the rate
 * {@link RangeTestConfig#learningRate(int)}; its loss is the batch loss before the update. The stop
 * signal is checked before every step. Divergence is judged by {@link DivergenceDetector} (non-finite
 * loss from the first step; smoothed loss above {@code divergeFactor} times the median raw loss during the
 * grace period {@link RangeTestConfig#divergenceGrace()}, 25 steps by default, and times its best since the
 * grace period after it); the step that diverged is kept in the curve.
 * Suggestions come from {@link LrSuggester#defaults()} on the smoothed losses; when there are none, the
 * reason says why and which setting would help (see {@code NoSuggestionReason}).
 */
public final class RangeTest {
    private RangeTest() {
    }

    /**
     * Runs a range test with the default sweep (1e-7 to 10 in 100 exponential steps, as the command line) and the
     * run's momentum (the model's compile settings, else 0.9), and restores the model.
     *
     * @param run the prepared model and data; left as it was
     * @return the curve, the suggestions and why it stopped
     * @throws LrlabException as {@link #run(PreparedRun, RangeTestConfig, StepListener<RangeTestPoint>, StopSignal)}
     */
    public static RangeTestResult run(PreparedRun run) {
        return run(run, RangeTestConfig.builder().optMomentum(run.spec().compile().momentum().value()).build());
    }

    /**
     * Runs a range test of {@code config} to its end (or until the loss explodes) and restores the model.
     *
     * @param run the prepared model and data; left as it was
     * @param config the sweep and its stopping rule
     * @return the curve, the suggestions and why it stopped
     * @throws LrlabException as {@link #run(PreparedRun, RangeTestConfig, StepListener<RangeTestPoint>, StopSignal)}
     */
    public static RangeTestResult run(PreparedRun run, RangeTestConfig config) {
        return run(run, config, StepListener.none(), new StopSignal());
    }

    /**
     * Runs a range test and restores the model.
     *
     * @param run the prepared model and data; left as it was
     * @param config the sweep and its stopping rule
     * @param listener receives every point as soon as it is computed
     * @param stop checked before every step; when set, the test ends with what it has
     * @return the curve, the suggestions and why it stopped
     * @throws LrlabException (USAGE) when the validation loss is asked for but no rows are held out, or when the
     *                        optimizer is a hypergradient one ({@link OptimizerKind#isHypergradient()}), which
     *                        would not apply the rates of the sweep
     */
    public static RangeTestResult run(PreparedRun run, RangeTestConfig config, StepListener<RangeTestPoint> listener, StopSignal stop) {
        OptimizerKind kind = run.spec().optimizer().kind();
        if (kind.isHypergradient()) {
            throw LrlabException.usage("a range test sets the rate of every step, but the optimizer " + kind.cliName()
                    + " adapts its own, so the curve would list rates never applied; use " + kind.fixedRateKind().cliName()
                    + ", or TrainRun for hypergradient descent");
        }
        if (config.validates() && run.split().validation().size() == 0) {
            throw LrlabException.usage("the validation loss needs held-out rows, found none; set `validationFraction` above 0");
        }
        int n = config.steps();
        double[] lr = new double[n];
        double[] loss = new double[n];
        double[] smoothed = new double[n];
        double[] valLoss = new double[n];
        double[] valAccuracy = new double[n];
        Arrays.fill(valLoss, Double.NaN);
        Arrays.fill(valAccuracy, Double.NaN);
        LossSmoother smoother = new LossSmoother(config.smoothing());
        DivergenceDetector detector = new DivergenceDetector(config.divergeFactor(), config.divergenceGrace());
        StopReason reason = null;
        int count = 0;
        long started = 0;
        long elapsed;
        try (VariableSnapshot snapshot = run.snapshot()) {
            // The clock covers the steps (and their listener), not the one-off snapshot and restore.
            started = System.nanoTime();
            try {
                for (int k = 0; k < n; k++) {
                    double rate = config.learningRate(k);
                    if (stop.isStopped()) {
                        reason = new StopReason(StopReason.Kind.INTERRUPTED, k, rate, "interrupted by " + stop.reason()
                                + " before step " + k + " of " + n + "; the " + k + " points so far are kept");
                        break;
                    }
                    StepResult result = run.step(k, rate, config.momentum());
                    double stepLoss = result.loss();
                    double stepSmoothed = smoother.add(stepLoss);
                    OptionalDouble measuredLoss = OptionalDouble.empty();
                    OptionalDouble measuredAccuracy = OptionalDouble.empty();
                    if (config.validates() && (k + 1) % config.validateEvery() == 0) {
                        Evaluation evaluation = run.validate().orElseThrow();
                        measuredLoss = OptionalDouble.of(evaluation.loss());
                        measuredAccuracy = evaluation.accuracy();
                    }
                    lr[k] = rate;
                    loss[k] = stepLoss;
                    smoothed[k] = stepSmoothed;
                    valLoss[k] = measuredLoss.orElse(Double.NaN);
                    valAccuracy[k] = measuredAccuracy.orElse(Double.NaN);
                    count = k + 1;
                    RangeTestPoint.Builder point = RangeTestPoint.builder().setStep(k).setLr(rate).setLoss(stepLoss)
                            .setSmoothedLoss(stepSmoothed);
                    measuredLoss.ifPresent(point::optValLoss);
                    measuredAccuracy.ifPresent(point::optValAccuracy);
                    listener.onStep(point.build());
                    Optional<DivergenceDetector.Reason> diverged = detector.observe(stepLoss, stepSmoothed);
                    if (diverged.isPresent() && config.stopOnDivergence()) {
                        reason = divergence(diverged.get(), k, rate, stepLoss, stepSmoothed, detector, config.divergeFactor());
                        break;
                    }
                }
            } finally {
                elapsed = System.nanoTime() - started;
                run.restore(snapshot);
            }
        }
        double[] lrs = Arrays.copyOf(lr, count);
        double[] smooth = Arrays.copyOf(smoothed, count);
        Suggestions suggestions = suggest(lrs, smooth);
        if (suggestions.isEmpty()) {
            suggestions = Suggestions.none(suggestions.defaultMethod(), NoSuggestionReason.explain(LrSuggester.defaults(),
                    lrs, smooth, config, Optional.ofNullable(reason), suggestions.reason()));
        }
        RangeTestResult.Builder result = RangeTestResult.builder().setLr(lrs).setLoss(Arrays.copyOf(loss, count))
                .setSmoothedLoss(smooth).optValLoss(Arrays.copyOf(valLoss, count))
                .optValAccuracy(Arrays.copyOf(valAccuracy, count)).setSuggestions(suggestions)
                .optWallTime(Duration.ofNanos(elapsed)).optSetup(RangeTestSetup.of(run, config));
        if (reason != null) {
            result.optStop(reason);
        }
        return result.build();
    }

    /**
     * Suggests rates from a smoothed curve with {@link LrSuggester#defaults()}. Leading points whose rate is
     * zero (a linear sweep from 0) are left out; the indexes returned still point into the arrays given.
     *
     * @param lr the learning rates, at least 0, finite
     * @param smoothedLoss the smoothed losses, same length
     * @return the suggestions, or none with the reason
     */
    public static Suggestions suggest(double[] lr, double[] smoothedLoss) {
        int from = firstPositive(lr);
        Suggestions found = LrSuggester.defaults().suggest(Arrays.copyOfRange(lr, from, lr.length),
                Arrays.copyOfRange(smoothedLoss, from, smoothedLoss.length));
        if (from == 0 || found.isEmpty()) {
            return found;
        }
        List<Suggestion> shifted = new ArrayList<>();
        for (Suggestion s : found.all()) {
            shifted.add(s.shifted(from));
        }
        CyclicBounds b = found.cyclicBounds();
        return new Suggestions(shifted, found.defaultMethod(),
                new CyclicBounds(b.baseLr(), b.maxLr(), b.index() + from, b.loss()), found.reason());
    }

    /** @return the index of the first rate that is not zero (a linear sweep from 0 starts with one) */
    static int firstPositive(double[] lr) {
        int from = 0;
        while (from < lr.length && lr[from] == 0) {
            from++;
        }
        return from;
    }

    private static StopReason divergence(DivergenceDetector.Reason why, int step, double lr, double loss, double smoothed,
            DivergenceDetector detector, double factor) {
        String at = " at step " + step + " (lr " + String.format(Locale.ROOT, "%.3g", lr) + ")";
        if (why == DivergenceDetector.Reason.NON_FINITE_LOSS) {
            return new StopReason(StopReason.Kind.DIVERGED, step, lr, "the loss became " + (Double.isFinite(loss)
                    ? smoothed : loss) + at + "; the curve up to here is kept");
        }
        String reference = detector.inGracePeriod()
                ? String.format(Locale.ROOT, "the median loss %.4g of the first %d steps", detector.reference(), step + 1)
                : String.format(Locale.ROOT, "its best %.4g", detector.reference());
        return new StopReason(StopReason.Kind.LOSS_EXPLODED, step, lr, String.format(Locale.ROOT,
                "the smoothed loss %.4g exceeded %s x %s", smoothed, trim(factor), reference) + at);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
