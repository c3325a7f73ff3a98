package dev.lrlab.schedule;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Cyclical learning rates (Smith, <i>Cyclical Learning Rates for Training Neural Networks</i>, WACV 2017),
 * computed exactly as PyTorch's {@code torch.optim.lr_scheduler.CyclicLR} with the optimizer step as
 * its iteration {@code it}:
 * <pre>
 * total  = up + down,   ratio = up / total
 * cycle  = floor(1 + it / total)
 * x      = 1 + it / total - cycle
 * height = x / ratio                 if x &lt;= ratio
 *          (x - 1) / (ratio - 1)     otherwise
 * lr     = base + (max - base) * height * scale
 * scale  = 1                         TRIANGULAR   (PyTorch scale_mode 'cycle')
 *          1 / 2^(cycle - 1)         TRIANGULAR2  (scale_mode 'cycle')
 *          gamma^it                  EXP_RANGE    (scale_mode 'iterations')
 * </pre>
 * With {@code up == down == stepSize} this is Smith's form, {@code cycle = floor(1 + it / (2 stepSize))},
 * {@code x = |it / stepSize - 2 cycle + 1|}, {@code lr = base + (max - base) * max(0, 1 - x) * scale}:
 * the rate is {@code base} at {@code it = 0}, {@code max} at {@code it = stepSize} and {@code base}
 * again at {@code it = 2 stepSize}.
 *
 * <p>With a {@link MomentumRange}, momentum cycles inversely as in PyTorch:
 * {@code momentum = maxMomentum - (maxMomentum - baseMomentum) * height * scale}.
 *
 * <p>Spec forms: {@code triangular:base=1e-3,max=6e-3,step=2000}, {@code triangular2:...},
 * {@code exp_range:base=..,max=..,step=..,gamma=0.99994} and
 * {@code cyclic:base=..,max=..,up=..[,down=..][,mode=triangular][,gamma=..][,momentum=0.8-0.9]}.
 * Build one with {@link #builder()} or the symmetric factories.
 */
public final class CyclicalSchedule implements LearningRateSchedule {

    /** How the amplitude shrinks from cycle to cycle. */
    public enum Mode {
        /** No shrinking: {@code scale = 1}. */
        TRIANGULAR,
        /** Halved every cycle: {@code scale = 1 / 2^(cycle - 1)}. */
        TRIANGULAR2,
        /** Decayed every iteration: {@code scale = gamma^it}. */
        EXP_RANGE;

        /** @return the lower-case name used in specs, e.g. {@code exp_range} */
        public String specName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final double baseRate;
    private final double maxRate;
    private final long stepSizeUp;
    private final long stepSizeDown;
    private final Mode mode;
    private final double gamma;
    private final MomentumRange momentum;

    private CyclicalSchedule(Builder b) {
        this.baseRate = Checks.requireNonNegative("base", b.baseRate);
        this.maxRate = Checks.requireFinite("max", b.maxRate);
        Checks.requireBelow("base", baseRate, "max", maxRate);
        this.stepSizeUp = Checks.requirePositive("step size up", b.stepSizeUp);
        this.stepSizeDown = b.stepSizeDown == null ? stepSizeUp
                : Checks.requirePositive("step size down", b.stepSizeDown);
        this.mode = Objects.requireNonNull(b.mode, "mode");
        this.gamma = Checks.requirePositive("gamma", b.gamma);
        if (mode != Mode.EXP_RANGE && gamma != 1.0) {
            throw new IllegalArgumentException("expected gamma only with mode exp_range, found gamma="
                    + SpecText.number(gamma) + " with mode " + mode.specName());
        }
        this.momentum = b.momentum;
    }

    /** @return a builder; base, max and step size up are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Smith's triangular policy.
     *
     * @param baseRate the lowest rate, {@code >= 0}
     * @param maxRate the highest rate, {@code > baseRate}
     * @param stepSize the steps from base to max and from max back to base, {@code > 0}
     * @return the schedule, {@code stepSize} steps up and {@code stepSize} down
     */
    public static CyclicalSchedule triangular(double baseRate, double maxRate, long stepSize) {
        return builder().setBaseRate(baseRate).setMaxRate(maxRate).setStepSizeUp(stepSize).build();
    }

    /**
     * Smith's triangular2 policy.
     *
     * @param baseRate the lowest rate, {@code >= 0}
     * @param maxRate the highest rate, {@code > baseRate}
     * @param stepSize the steps from base to max and from max back to base, {@code > 0}
     * @return the schedule, whose amplitude halves every cycle
     */
    public static CyclicalSchedule triangular2(double baseRate, double maxRate, long stepSize) {
        return builder().setBaseRate(baseRate).setMaxRate(maxRate).setStepSizeUp(stepSize)
                .optMode(Mode.TRIANGULAR2).build();
    }

    /**
     * Smith's exp_range policy.
     *
     * @param baseRate the lowest rate, {@code >= 0}
     * @param maxRate the highest rate, {@code > baseRate}
     * @param stepSize the steps from base to max and from max back to base, {@code > 0}
     * @param gamma the per-iteration decay of the amplitude, {@code > 0}
     * @return the schedule, whose amplitude is scaled by {@code gamma^it}
     */
    public static CyclicalSchedule expRange(double baseRate, double maxRate, long stepSize, double gamma) {
        return builder().setBaseRate(baseRate).setMaxRate(maxRate).setStepSizeUp(stepSize)
                .optMode(Mode.EXP_RANGE).optGamma(gamma).build();
    }

    @Override
    public double learningRate(long step) {
        Checks.requireStep(step);
        return baseRate + (maxRate - baseRate) * height(step) * scale(step);
    }

    @Override
    public OptionalDouble momentum(long step) {
        Checks.requireStep(step);
        if (momentum == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(momentum.max() - (momentum.max() - momentum.base()) * height(step) * scale(step));
    }

    /** The triangle's height in [0, 1] at this step, before scaling. */
    private double height(long step) {
        double total = (double) stepSizeUp + stepSizeDown;
        double ratio = stepSizeUp / total;
        double x = 1 + step / total - cycle(step);
        return x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
    }

    private double cycle(long step) {
        return Math.floor(1 + step / ((double) stepSizeUp + stepSizeDown));
    }

    private double scale(long step) {
        return switch (mode) {
            case TRIANGULAR -> 1.0;
            case TRIANGULAR2 -> 1 / Math.pow(2.0, cycle(step) - 1);
            case EXP_RANGE -> Math.pow(gamma, step);
        };
    }

    @Override
    public String describe() {
        StringBuilder s = new StringBuilder("cyclic:base=").append(SpecText.number(baseRate))
                .append(",max=").append(SpecText.number(maxRate))
                .append(",up=").append(stepSizeUp)
                .append(",down=").append(stepSizeDown)
                .append(",mode=").append(mode.specName());
        if (mode == Mode.EXP_RANGE) {
            s.append(",gamma=").append(SpecText.number(gamma));
        }
        if (momentum != null) {
            s.append(",momentum=").append(momentum.describe());
        }
        return s.toString();
    }

    /** @return the lower bound of the rate */
    public double baseRate() {
        return baseRate;
    }

    /** @return the upper bound of the rate */
    public double maxRate() {
        return maxRate;
    }

    /** @return the steps from base to max in each cycle */
    public long stepSizeUp() {
        return stepSizeUp;
    }

    /** @return the steps from max back to base in each cycle */
    public long stepSizeDown() {
        return stepSizeDown;
    }

    /** @return the amplitude policy */
    public Mode mode() {
        return mode;
    }

    /** @return the per-iteration decay of {@link Mode#EXP_RANGE}, 1 for the other modes */
    public double gamma() {
        return gamma;
    }

    /** @return the momentum bounds, or empty when momentum is not cycled */
    public Optional<MomentumRange> momentumRange() {
        return Optional.ofNullable(momentum);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CyclicalSchedule c
                && Double.compare(baseRate, c.baseRate) == 0 && Double.compare(maxRate, c.maxRate) == 0
                && stepSizeUp == c.stepSizeUp && stepSizeDown == c.stepSizeDown && mode == c.mode
                && Double.compare(gamma, c.gamma) == 0 && Objects.equals(momentum, c.momentum);
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseRate, maxRate, stepSizeUp, stepSizeDown, mode, gamma, momentum);
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * Builds a {@link CyclicalSchedule}. Required: {@code setBaseRate}, {@code setMaxRate},
     * {@code setStepSizeUp}. Optional, with PyTorch's defaults: step size down (= up), mode
     * ({@link Mode#TRIANGULAR}), gamma (1, only with {@link Mode#EXP_RANGE}), momentum (not cycled).
     * Everything is validated in {@link #build()}.
     */
    public static final class Builder {
        private double baseRate = Double.NaN;
        private double maxRate = Double.NaN;
        private long stepSizeUp;
        private Long stepSizeDown;
        private Mode mode = Mode.TRIANGULAR;
        private double gamma = 1.0;
        private MomentumRange momentum;

        private Builder() {
        }

        /**
         * @param rate the lowest rate, {@code >= 0}
         * @return this builder
         */
        public Builder setBaseRate(double rate) {
            this.baseRate = rate;
            return this;
        }

        /**
         * @param rate the highest rate, {@code > base}
         * @return this builder
         */
        public Builder setMaxRate(double rate) {
            this.maxRate = rate;
            return this;
        }

        /**
         * @param steps the steps from base to max ({@code step_size_up}), {@code > 0}
         * @return this builder
         */
        public Builder setStepSizeUp(long steps) {
            this.stepSizeUp = steps;
            return this;
        }

        /**
         * @param steps the steps from max to base ({@code step_size_down}), {@code > 0}
         * @return this builder
         */
        public Builder optStepSizeDown(long steps) {
            this.stepSizeDown = steps;
            return this;
        }

        /**
         * @param mode the amplitude policy
         * @return this builder
         */
        public Builder optMode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /**
         * @param gamma the per-iteration decay for {@link Mode#EXP_RANGE}, {@code > 0}
         * @return this builder
         */
        public Builder optGamma(double gamma) {
            this.gamma = gamma;
            return this;
        }

        /**
         * @param range momentum bounds to cycle inversely to the rate, or null for none
         * @return this builder
         */
        public Builder optMomentum(MomentumRange range) {
            this.momentum = range;
            return this;
        }

        /**
         * @return the schedule
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public CyclicalSchedule build() {
            return new CyclicalSchedule(this);
        }
    }
}
