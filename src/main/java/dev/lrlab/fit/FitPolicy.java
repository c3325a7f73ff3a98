package dev.lrlab.fit;

import dev.lrlab.LrlabException;
import dev.lrlab.schedule.ConstantSchedule;
import dev.lrlab.schedule.CosineAnnealingSchedule;
import dev.lrlab.schedule.CyclicalSchedule;
import dev.lrlab.schedule.LearningRateSchedule;
import dev.lrlab.schedule.OneCycleSchedule;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a fit trains from the chosen rate, and which rate of the range test it needs.
 *
 * <ul>
 *   <li>{@link #ONECYCLE}: 1cycle (Smith 2018; PyTorch {@code OneCycleLR} defaults: 30% warm-up from max/25, cosine
 *       annealing to max/(25*1e4), momentum or Adam's beta1 cycled 0.95 -&gt; 0.85 -&gt; 0.95) with max = the valley
 *       suggestion, as fastai's {@code fit_one_cycle(epochs, lr_max=valley)}.</li>
 *   <li>{@link #CYCLIC}: Smith's triangular cycle between the range test's cyclical bounds (base = max/4), one cycle
 *       over the run: half the steps up, half down.</li>
 *   <li>{@link #COSINE}: cosine annealing from the valley rate to 0 over the run.</li>
 *   <li>{@link #CONSTANT}: the valley rate at every step.</li>
 *   <li>{@link #HD}: hypergradient descent (SGD-HD, SGDN-HD or Adam-HD, the run optimizer's counterpart) from
 *       alpha_0 = the valley rate.</li>
 * </ul>
 */
public enum FitPolicy {
    /** 1cycle with max = valley. */
    ONECYCLE("onecycle"),
    /** A triangular cycle between the cyclical bounds. */
    CYCLIC("cyclic"),
    /** Cosine annealing from the valley rate to 0. */
    COSINE("cosine"),
    /** The valley rate, constant. */
    CONSTANT("constant"),
    /** Hypergradient descent from alpha_0 = valley. */
    HD("hd");

    private final String cliName;

    FitPolicy(String cliName) {
        this.cliName = cliName;
    }

    /** @return the name on the command line and in summaries */
    public String cliName() {
        return cliName;
    }

    /**
     * @param name a policy's name
     * @return the policy
     * @throws LrlabException (USAGE) naming the policies
     */
    public static FitPolicy fromCliName(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.cliName.equals(key)).findFirst().orElseThrow(() -> LrlabException.usage(
                "unknown `policy` '" + name + "'; use one of: "
                        + Arrays.stream(values()).map(FitPolicy::cliName).collect(Collectors.joining(", "))));
    }

    /** @return whether the policy takes the range test's cyclical bounds rather than the valley rate */
    public boolean usesCyclicBounds() {
        return this == CYCLIC;
    }

    /**
     * The schedule of a run at {@code factor} times the chosen rate (every rate of it scaled, bounds included).
     *
     * @param choice the chosen rate
     * @param steps the run's steps, at least 1
     * @param factor 1 for the chosen rate, 0.1 and 10 for the comparison runs
     * @return the schedule
     */
    public LearningRateSchedule schedule(RateChoice choice, long steps, double factor) {
        double lr = choice.lr() * factor;
        return switch (this) {
            case ONECYCLE -> OneCycleSchedule.builder().setMaxRate(lr).setTotalSteps(steps).build();
            case CYCLIC -> CyclicalSchedule.triangular(choice.baseLr().orElse(choice.lr()) * factor, lr,
                    Math.max(1, steps / 2));
            case COSINE -> new CosineAnnealingSchedule(lr, 0, steps);
            case CONSTANT, HD -> new ConstantSchedule(lr);
        };
    }
}
