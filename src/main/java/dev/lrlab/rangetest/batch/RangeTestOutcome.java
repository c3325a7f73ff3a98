package dev.lrlab.rangetest.batch;

import dev.lrlab.LrlabException;
import dev.lrlab.device.ComputeDevice;
import dev.lrlab.rangetest.RangeTest;
import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.rangetest.RangeTestResult;
import dev.lrlab.rangetest.RangeTestSetup;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StepListener;
import dev.lrlab.run.StopReason;
import dev.lrlab.run.StopSignal;
import dev.lrlab.suggest.CyclicBounds;
import dev.lrlab.suggest.Suggestion;
import dev.lrlab.suggest.SuggestionMethod;
import dev.lrlab.suggest.Suggestions;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one range test of a batch sends back to the process that writes the files: a {@link RangeTestResult}'s values
 * (curve, suggestions, stop, time, the model's compile settings, the device it ran on), or the failure's kind and
 * message. The result and its records do not serialize; this does, and {@link #toResult} makes the result again,
 * equal value for value, with the writer's own spec for its setup.
 */
public final class RangeTestOutcome implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] lr;
    private final double[] loss;
    private final double[] smoothedLoss;
    private final double[] valLoss;
    private final double[] valAccuracy;
    private final String defaultMethod;
    private final String reason;
    private final List<SuggestionValues> suggestions;
    private final double[] cyclic; // base_lr, max_lr, index, loss; null when there are no suggestions
    private final String stopKind; // null when every step ran
    private final long stopStep;
    private final double stopLr;
    private final String stopMessage;
    private final long wallNanos;
    private final LinkedHashMap<String, Object> compileSettings;
    private final boolean accuracy;
    private final String device;
    private final String failureKind;
    private final String failure;

    /** A suggestion's values, with the method by name. */
    private record SuggestionValues(String method, double lr, int index, double loss, String note) implements Serializable {
    }

    private RangeTestOutcome(RangeTestResult result) {
        RangeTestSetup setup = result.setup();
        if (setup == null) {
            throw new IllegalArgumentException("expected a result of RangeTest.run, found one without its setup");
        }
        lr = result.lr();
        loss = result.loss();
        smoothedLoss = result.smoothedLoss();
        valLoss = result.valLoss();
        valAccuracy = result.valAccuracy();
        Suggestions s = result.suggestions();
        defaultMethod = s.defaultMethod().name();
        reason = s.reason();
        suggestions = new ArrayList<>();
        for (Suggestion suggestion : s.all()) {
            suggestions.add(new SuggestionValues(suggestion.method().name(), suggestion.lr(), suggestion.index(),
                    suggestion.loss(), suggestion.note()));
        }
        cyclic = s.cyclic().map(c -> new double[] {c.baseLr(), c.maxLr(), c.index(), c.loss()}).orElse(null);
        Optional<StopReason> stop = result.stop();
        stopKind = stop.map(r -> r.kind().name()).orElse(null);
        stopStep = stop.map(StopReason::step).orElse(0L);
        stopLr = stop.map(StopReason::lr).orElse(0.0);
        stopMessage = stop.map(StopReason::message).orElse(null);
        wallNanos = result.wallTime().toNanos();
        compileSettings = plainMap(setup.compileSettings());
        accuracy = setup.accuracy();
        device = setup.spec().device().toString();
        failureKind = null;
        failure = null;
    }

    private RangeTestOutcome(LrlabException.Kind kind, String message) {
        lr = loss = smoothedLoss = valLoss = valAccuracy = null;
        defaultMethod = reason = stopKind = stopMessage = device = null;
        suggestions = null;
        cyclic = null;
        stopStep = 0;
        stopLr = 0;
        wallNanos = 0;
        compileSettings = null;
        accuracy = false;
        failureKind = kind.name();
        failure = message;
    }

    /**
     * @param result a result of {@link RangeTest#run} (it has its setup)
     * @return its outcome
     */
    public static RangeTestOutcome of(RangeTestResult result) {
        return new RangeTestOutcome(result);
    }

    /**
     * @param kind what went wrong
     * @param message one line: what failed, where, and the fix
     * @return a failed test
     */
    public static RangeTestOutcome failed(LrlabException.Kind kind, String message) {
        return new RangeTestOutcome(kind, message);
    }

    /**
     * Runs one test where this process is: opens the spec the recipe makes for {@code model}, sweeps, closes.
     *
     * @param recipe the test's spec and sweep
     * @param model the SavedModel folder on this machine's disk
     * @param stop checked before every step
     * @return the finished (or interrupted) test's outcome
     * @throws LrlabException when the model or data cannot be read, or a setting does not fit them
     */
    public static RangeTestOutcome run(RangeTestRecipe recipe, Path model, StopSignal stop) {
        RunSpec spec = recipe.spec(model);
        RangeTestConfig config = recipe.config(spec);
        try (PreparedRun run = PreparedRun.open(spec)) {
            return of(RangeTest.run(run, config, StepListener.none(), stop));
        }
    }

    /** @return whether the test failed; see {@link #failure()} */
    public boolean failed() {
        return failure != null;
    }

    /** @return why the test failed, in one line; empty when it ran */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** @return what kind of error failed the test; empty when it ran */
    public Optional<LrlabException.Kind> failureKind() {
        return Optional.ofNullable(failureKind).map(LrlabException.Kind::valueOf);
    }

    /**
     * @param spec the test's spec as the writing process makes it (the recipe's, for the model path the user gave);
     *     the device is set to the one the test ran on
     * @param config the test's sweep
     * @return the result, with its setup, for {@link dev.lrlab.rangetest.RangeTestOutputs#write}
     * @throws IllegalStateException when the test failed
     */
    public RangeTestResult toResult(RunSpec spec, RangeTestConfig config) {
        if (failed()) {
            throw new IllegalStateException("the range test failed, it has no result: " + failure);
        }
        List<Suggestion> all = suggestions.stream().map(s -> new Suggestion(SuggestionMethod.valueOf(s.method()), s.lr(),
                s.index(), s.loss(), s.note())).toList();
        CyclicBounds bounds = cyclic == null ? null : new CyclicBounds(cyclic[0], cyclic[1], (int) cyclic[2], cyclic[3]);
        RangeTestSetup setup = new RangeTestSetup(spec.withDevice(ComputeDevice.parse(device)), config, compileSettings,
                accuracy);
        RangeTestResult.Builder result = RangeTestResult.builder().setLr(lr).setLoss(loss).setSmoothedLoss(smoothedLoss)
                .optValLoss(valLoss).optValAccuracy(valAccuracy)
                .setSuggestions(new Suggestions(all, SuggestionMethod.valueOf(defaultMethod), bounds, reason))
                .optWallTime(Duration.ofNanos(wallNanos)).optSetup(setup);
        if (stopKind != null) {
            result.optStop(new StopReason(StopReason.Kind.valueOf(stopKind), stopStep, stopLr, stopMessage));
        }
        return result.build();
    }

    /** A copy of a settings map that serializes: maps and lists copied, values kept when they serialize, else text. */
    private static LinkedHashMap<String, Object> plainMap(Map<?, ?> map) {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), plain(value)));
        return copy;
    }

    private static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            return plainMap(map);
        }
        if (value instanceof Collection<?> list) {
            ArrayList<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(plain(item)));
            return copy;
        }
        return value instanceof Serializable ? value : value.toString();
    }
}
