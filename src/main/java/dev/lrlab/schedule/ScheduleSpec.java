package dev.lrlab.schedule;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Parses the one-line schedule specs of the command line into {@link LearningRateSchedule}s.
 *
 * <p>A spec is {@code name:key=value,key=value}. Names and their keys ({@code [..]} optional):
 * <pre>
 * constant:lr=0.01
 * step:lr=0.1,gamma=0.5,every=100
 * exp:lr=0.1,rate=0.96,every=100[,staircase=false]
 * cosine:max=0.1[,min=0][,steps=N]                  steps defaults to the total step count
 * cosine:max=0.1[,min=0],restart=T_0[,mult=1]         SGDR warm restarts (not with steps)
 * triangular:base=1e-3,max=6e-3,step=2000[,momentum=0.8-0.9]
 * triangular2:base=..,max=..,step=..[,momentum=..]
 * exp_range:base=..,max=..,step=..,gamma=0.99994[,momentum=..]
 * cyclic:base=..,max=..,up=..[,down=up][,mode=triangular|triangular2|exp_range][,gamma=..][,momentum=..]
 * onecycle:max=0.1[,steps=N,pct=0.3,div=25,final_div=1e4,anneal=cos|linear,three_phase=false,
 *          momentum=0.85-0.95|none]                 steps defaults to the total step count
 * </pre>
 * Momentum ranges are {@code base-max}; cyclic schedules cycle momentum only when {@code momentum}
 * is given, onecycle cycles 0.85-0.95 unless {@code momentum=none} (PyTorch's defaults).
 *
 * <p><b>Warm-up</b> is a prefix that any spec may carry: {@code warmup=W[,start=X]+<spec>}, e.g.
 * {@code warmup=500+cosine:max=0.1}. It builds a {@link WarmUpSchedule}: a linear climb from
 * {@code start} (default 0) over {@code W} steps, then the inner schedule shifted by {@code W}. The
 * inner schedule's default total is therefore {@code totalSteps - W}.
 *
 * <p>Errors are {@link IllegalArgumentException}s whose one-line message names the schedule, the key
 * and the expected form; the command line wraps them. {@link LearningRateSchedule#describe()} returns a
 * spec with every key spelled out, which parses back to an equal schedule even with a total of 0.
 */
public final class ScheduleSpec {

    /** The schedule names this parser knows, in the order they are listed in messages. */
    public static final List<String> NAMES = List.of(
            "constant", "step", "exp", "cosine", "triangular", "triangular2", "exp_range", "cyclic", "onecycle");

    private static final String WARMUP_PREFIX = "warmup=";
    private static final List<String> CYCLIC_MODES = List.of("triangular", "triangular2", "exp_range");

    private ScheduleSpec() {
    }

    /**
     * @param spec a spec such as {@code cosine:max=0.1}
     * @param totalSteps the run's total optimizer steps, used for defaults such as cosine's {@code steps}
     *     and onecycle's {@code steps}; 0 or less when unknown (such specs then need the key)
     * @return the schedule
     * @throws IllegalArgumentException naming the bad part of the spec and the expected form
     */
    public static LearningRateSchedule parse(String spec, long totalSteps) {
        return parse(spec, totalSteps, Map.of());
    }

    /**
     * Like {@link #parse(String, long)}, filling keys the spec leaves out from {@code defaults}, e.g.
     * {@code {"base": 1e-4, "max": 1e-2}} from a range test. Only keys the named schedule accepts are
     * used; keys written in the spec win.
     *
     * @param spec a spec such as {@code triangular:step=2000}
     * @param totalSteps the run's total optimizer steps; 0 or less when unknown
     * @param defaults values for missing keys, by key name
     * @return the schedule
     * @throws IllegalArgumentException naming the bad part of the spec and the expected form
     */
    public static LearningRateSchedule parse(String spec, long totalSteps, Map<String, Double> defaults) {
        Objects.requireNonNull(defaults, "defaults");
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("expected a schedule spec such as 'cosine:max=0.1', found nothing");
        }
        String text = spec.trim();
        if (text.toLowerCase(Locale.ROOT).startsWith(WARMUP_PREFIX)) {
            return parseWarmUp(text, totalSteps, defaults);
        }
        return parseSchedule(text, totalSteps, defaults);
    }

    private static LearningRateSchedule parseWarmUp(String text, long totalSteps, Map<String, Double> defaults) {
        int plus = innerStart(text);
        if (plus < 0) {
            throw new IllegalArgumentException("warmup: expected 'warmup=N+<schedule>' such as"
                    + " 'warmup=500+cosine:max=0.1', found '" + text + "'");
        }
        SpecArguments args = SpecArguments.parse("warmup", text.substring(0, plus), List.of("warmup", "start"),
                Map.of());
        long warmup = args.requirePositiveLong("warmup", "warmup=500");
        double start = args.optDouble("start", 0.0);
        if (totalSteps > 0 && warmup >= totalSteps) {
            throw new IllegalArgumentException("warmup: expected fewer warm-up steps than the " + totalSteps
                    + " total steps, found warmup=" + warmup);
        }
        String inner = text.substring(plus + 1).trim();
        if (inner.toLowerCase(Locale.ROOT).startsWith(WARMUP_PREFIX)) {
            throw new IllegalArgumentException("warmup: expected one warm-up prefix, found two in '" + text + "'");
        }
        LearningRateSchedule wrapped = parseSchedule(inner, totalSteps > 0 ? totalSteps - warmup : totalSteps,
                defaults);
        return build("warmup", () -> new WarmUpSchedule(wrapped, warmup, start));
    }

    /** The '+' that starts the inner spec: followed by a letter, unlike an exponent's sign in 1e+3. */
    private static int innerStart(String text) {
        for (int i = 0; i < text.length() - 1; i++) {
            if (text.charAt(i) == '+' && Character.isLetter(text.charAt(i + 1))) {
                return i;
            }
        }
        return -1;
    }

    private static LearningRateSchedule parseSchedule(String text, long totalSteps, Map<String, Double> defaults) {
        int colon = text.indexOf(':');
        String name = (colon < 0 ? text : text.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? "" : text.substring(colon + 1);
        return switch (name) {
            case "constant" -> constant(args(name, rest, defaults, "lr"));
            case "step" -> stepDecay(args(name, rest, defaults, "lr", "gamma", "every"));
            case "exp" -> exponential(args(name, rest, defaults, "lr", "rate", "every", "staircase"));
            case "cosine" -> cosine(args(name, rest, defaults, "max", "min", "steps", "restart", "mult"), totalSteps);
            case "triangular", "triangular2", "exp_range" ->
                    symmetricCyclic(name, args(name, rest, defaults, "base", "max", "step", "gamma", "momentum"));
            case "cyclic" -> cyclic(args(name, rest, defaults, "base", "max", "up", "down", "mode", "gamma",
                    "momentum"));
            case "onecycle" -> oneCycle(args(name, rest, defaults, "max", "steps", "pct", "div", "final_div",
                    "anneal", "three_phase", "momentum"), totalSteps);
            default -> throw new IllegalArgumentException("unknown schedule '" + name + "'; expected one of "
                    + String.join(", ", NAMES) + " (optionally after warmup=N+)");
        };
    }

    private static SpecArguments args(String name, String text, Map<String, Double> defaults, String... keys) {
        return SpecArguments.parse(name, text, List.of(keys), defaults);
    }

    private static LearningRateSchedule constant(SpecArguments a) {
        double lr = a.requireDouble("lr", "lr=0.01");
        return build("constant", () -> new ConstantSchedule(lr));
    }

    private static LearningRateSchedule stepDecay(SpecArguments a) {
        double lr = a.requireDouble("lr", "lr=0.1");
        double gamma = a.requireDouble("gamma", "gamma=0.5");
        long every = a.requirePositiveLong("every", "every=100");
        return build("step", () -> new StepDecaySchedule(lr, gamma, every));
    }

    private static LearningRateSchedule exponential(SpecArguments a) {
        double lr = a.requireDouble("lr", "lr=0.1");
        double rate = a.requireDouble("rate", "rate=0.96");
        long every = a.requirePositiveLong("every", "every=100");
        boolean staircase = a.optBoolean("staircase", false);
        return build("exp", () -> new ExponentialDecaySchedule(lr, rate, every, staircase));
    }

    private static LearningRateSchedule cosine(SpecArguments a, long totalSteps) {
        double max = a.requireDouble("max", "max=0.1");
        double min = a.optDouble("min", 0.0);
        if (a.has("restart")) {
            if (a.has("steps")) {
                throw new IllegalArgumentException("cosine: expected either steps=N (one annealing) or restart=N"
                        + " (warm restarts), found both");
            }
            long restart = a.requirePositiveLong("restart", "restart=1000");
            long mult = a.optPositiveLong("mult", 1);
            if (mult > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("cosine: key 'mult' expected a whole number up to "
                        + Integer.MAX_VALUE + ", found " + mult);
            }
            return build("cosine", () -> new CosineWarmRestartsSchedule(max, min, restart, (int) mult));
        }
        if (a.has("mult")) {
            throw new IllegalArgumentException("cosine: key 'mult' expected together with restart=N, found it alone");
        }
        long steps = a.has("steps") ? a.requirePositiveLong("steps", "steps=1000")
                : totalFallback("cosine", totalSteps);
        return build("cosine", () -> new CosineAnnealingSchedule(max, min, steps));
    }

    private static LearningRateSchedule symmetricCyclic(String name, SpecArguments a) {
        CyclicalSchedule.Builder b = CyclicalSchedule.builder()
                .setBaseRate(a.requireDouble("base", "base=1e-3"))
                .setMaxRate(a.requireDouble("max", "max=6e-3"))
                .setStepSizeUp(a.requirePositiveLong("step", "step=2000"))
                .optMode(CyclicalSchedule.Mode.valueOf(name.toUpperCase(Locale.ROOT)))
                .optMomentum(a.optMomentum("momentum", null));
        if (name.equals("exp_range")) {
            b.optGamma(a.requireDouble("gamma", "gamma=0.99994"));
        } else if (a.has("gamma")) {
            throw new IllegalArgumentException(name + ": key 'gamma' expected only with exp_range, found gamma="
                    + a.optDouble("gamma", 1.0));
        }
        return build(name, b::build);
    }

    private static LearningRateSchedule cyclic(SpecArguments a) {
        CyclicalSchedule.Builder b = CyclicalSchedule.builder()
                .setBaseRate(a.requireDouble("base", "base=1e-3"))
                .setMaxRate(a.requireDouble("max", "max=6e-3"))
                .setStepSizeUp(a.requirePositiveLong("up", "up=2000"))
                .optMode(CyclicalSchedule.Mode.valueOf(
                        a.optChoice("mode", "triangular", CYCLIC_MODES).toUpperCase(Locale.ROOT)))
                .optGamma(a.optDouble("gamma", 1.0))
                .optMomentum(a.optMomentum("momentum", null));
        if (a.has("down")) {
            b.optStepSizeDown(a.requirePositiveLong("down", "down=2000"));
        }
        return build("cyclic", b::build);
    }

    private static LearningRateSchedule oneCycle(SpecArguments a, long totalSteps) {
        MomentumRange momentum = a.optMomentum("momentum", MomentumRange.ONE_CYCLE_DEFAULT);
        OneCycleSchedule.Builder b = OneCycleSchedule.builder()
                .setMaxRate(a.requireDouble("max", "max=0.1"))
                .setTotalSteps(a.has("steps") ? a.requirePositiveLong("steps", "steps=1000")
                        : totalFallback("onecycle", totalSteps))
                .optPctStart(a.optDouble("pct", 0.3))
                .optDivFactor(a.optDouble("div", 25.0))
                .optFinalDivFactor(a.optDouble("final_div", 1e4))
                .optAnneal(OneCycleSchedule.Anneal.valueOf(
                        a.optChoice("anneal", "cos", List.of("cos", "linear")).toUpperCase(Locale.ROOT)))
                .optThreePhase(a.optBoolean("three_phase", false))
                .optCycleMomentum(momentum != null)
                .optMomentum(momentum);
        return build("onecycle", b::build);
    }

    private static long totalFallback(String name, long totalSteps) {
        if (totalSteps <= 0) {
            throw new IllegalArgumentException(name + ": missing key 'steps' and no total step count is known;"
                    + " expected steps=N such as steps=1000");
        }
        return totalSteps;
    }

    /** Runs a constructor, prefixing its validation message with the schedule's name. */
    private static LearningRateSchedule build(String name, java.util.function.Supplier<LearningRateSchedule> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
