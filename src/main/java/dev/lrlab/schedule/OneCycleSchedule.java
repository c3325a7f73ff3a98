package dev.lrlab.schedule;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The 1cycle policy (Smith &amp; Topin, <i>Super-Convergence</i>, 2018; Smith, <i>A disciplined approach to
 * neural network hyper-parameters: Part 1</i>, 2018), computed exactly as PyTorch's
 * {@code torch.optim.lr_scheduler.OneCycleLR} for steps {@code 0 .. totalSteps-1}.
 *
 * <p>With {@code initial = max / divFactor} and {@code min = initial / finalDivFactor}, the phases are
 * (end steps are real numbers, as in PyTorch):
 * <pre>
 * two phases (default):   [0, pct*N - 1]             initial -&gt; max,  momentum maxM -&gt; baseM
 *                         [pct*N - 1, N - 1]          max -&gt; min,      momentum baseM -&gt; maxM
 * three phases:           [0, pct*N - 1]             initial -&gt; max,  momentum maxM -&gt; baseM
 *                         [pct*N - 1, 2*pct*N - 2]    max -&gt; initial,  momentum baseM -&gt; maxM
 *                         [2*pct*N - 2, N - 1]        initial -&gt; min,  momentum maxM -&gt; maxM
 * </pre>
 * A step belongs to the first phase whose end it does not pass (the last phase takes the rest);
 * within a phase from {@code s} to {@code e}, {@code pct = (step - s) / (e - s)} and the value is
 * {@code end + (start - end) * (1 + cos(pi * pct)) / 2} ({@link Anneal#COS}) or
 * {@code start + (end - start) * pct} ({@link Anneal#LINEAR}).
 *
 * <p>Where PyTorch raises past {@code total_steps}, this schedule holds its final values (rate
 * {@code min}) for every {@code step >= totalSteps - 1}.
 *
 * <p>Spec form: {@code onecycle:max=0.1[,steps=N,pct=0.3,div=25,final_div=1e4,anneal=cos,
 * three_phase=false,momentum=0.85-0.95|none]}; {@code steps} defaults to the total step count.
 */
public final class OneCycleSchedule implements LearningRateSchedule {

    /** The annealing curve within each phase. */
    public enum Anneal {
        /** Cosine: {@code end + (start - end) * (1 + cos(pi * pct)) / 2}. */
        COS,
        /** Linear: {@code start + (end - start) * pct}. */
        LINEAR;

        /** @return the lower-case name used in specs */
        public String specName() {
            return name().toLowerCase(Locale.ROOT);
        }

        double apply(double start, double end, double pct) {
            return this == COS ? end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1) : (end - start) * pct + start;
        }
    }

    private record Phase(double endStep, double startRate, double endRate, double startMomentum, double endMomentum) {
    }

    private final double maxRate;
    private final long totalSteps;
    private final double pctStart;
    private final double divFactor;
    private final double finalDivFactor;
    private final Anneal anneal;
    private final boolean threePhase;
    private final MomentumRange momentum;
    private final List<Phase> phases;

    private OneCycleSchedule(Builder b) {
        this.maxRate = Checks.requirePositive("max", b.maxRate);
        this.totalSteps = Checks.requirePositive("total steps", b.totalSteps);
        this.pctStart = Checks.requireFinite("pct", b.pctStart);
        if (pctStart <= 0 || pctStart > 1) {
            throw new IllegalArgumentException("expected pct in (0, 1], found " + SpecText.number(pctStart));
        }
        if (pctStart * totalSteps <= 1) {
            throw new IllegalArgumentException("expected pct * total steps > 1 so the warm-up phase has a step,"
                    + " found " + SpecText.number(pctStart) + " * " + totalSteps + " = "
                    + SpecText.number(pctStart * totalSteps));
        }
        this.divFactor = Checks.requirePositive("div", b.divFactor);
        this.finalDivFactor = Checks.requirePositive("final_div", b.finalDivFactor);
        this.anneal = Objects.requireNonNull(b.anneal, "anneal");
        this.threePhase = b.threePhase;
        this.momentum = b.cycleMomentum ? Objects.requireNonNull(b.momentum, "momentum") : null;
        this.phases = phases();
    }

    private List<Phase> phases() {
        double initial = initialRate();
        double min = minRate();
        double baseM = momentum == null ? Double.NaN : momentum.base();
        double maxM = momentum == null ? Double.NaN : momentum.max();
        double peak = pctStart * totalSteps - 1;
        if (threePhase) {
            return List.of(
                    new Phase(peak, initial, maxRate, maxM, baseM),
                    new Phase(2 * pctStart * totalSteps - 2, maxRate, initial, baseM, maxM),
                    new Phase(totalSteps - 1, initial, min, maxM, maxM));
        }
        return List.of(
                new Phase(peak, initial, maxRate, maxM, baseM),
                new Phase(totalSteps - 1, maxRate, min, baseM, maxM));
    }

    /** @return a builder; max rate and total steps are required */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public double learningRate(long step) {
        Checks.requireStep(step);
        return evaluate(step, false);
    }

    @Override
    public OptionalDouble momentum(long step) {
        Checks.requireStep(step);
        return momentum == null ? OptionalDouble.empty() : OptionalDouble.of(evaluate(step, true));
    }

    private double evaluate(long step, boolean ofMomentum) {
        long clamped = Math.min(step, totalSteps - 1);
        double startStep = 0.0;
        for (int i = 0; i < phases.size(); i++) {
            Phase phase = phases.get(i);
            if (clamped <= phase.endStep() || i == phases.size() - 1) {
                double pct = (clamped - startStep) / (phase.endStep() - startStep);
                return ofMomentum
                        ? anneal.apply(phase.startMomentum(), phase.endMomentum(), pct)
                        : anneal.apply(phase.startRate(), phase.endRate(), pct);
            }
            startStep = phase.endStep();
        }
        throw new AssertionError("the last phase always matches");
    }

    /** @return the rate at step 0, {@code max / div} */
    public double initialRate() {
        return maxRate / divFactor;
    }

    /** @return the final rate, {@code max / (div * final_div)} */
    public double minRate() {
        return initialRate() / finalDivFactor;
    }

    /** @return the peak rate */
    public double maxRate() {
        return maxRate;
    }

    /** @return the length of the cycle in steps */
    public long totalSteps() {
        return totalSteps;
    }

    /** @return the fraction of the cycle spent increasing the rate */
    public double pctStart() {
        return pctStart;
    }

    /** @return {@code max / initial} */
    public double divFactor() {
        return divFactor;
    }

    /** @return {@code initial / min} */
    public double finalDivFactor() {
        return finalDivFactor;
    }

    /** @return the annealing curve */
    public Anneal anneal() {
        return anneal;
    }

    /** @return whether the schedule has PyTorch's three phases */
    public boolean threePhase() {
        return threePhase;
    }

    /** @return the momentum bounds, or empty when momentum is not cycled */
    public Optional<MomentumRange> momentumRange() {
        return Optional.ofNullable(momentum);
    }

    @Override
    public String describe() {
        return "onecycle:max=" + SpecText.number(maxRate) + ",steps=" + totalSteps
                + ",pct=" + SpecText.number(pctStart) + ",div=" + SpecText.number(divFactor)
                + ",final_div=" + SpecText.number(finalDivFactor) + ",anneal=" + anneal.specName()
                + ",three_phase=" + threePhase + ",momentum=" + (momentum == null ? "none" : momentum.describe());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OneCycleSchedule c
                && Double.compare(maxRate, c.maxRate) == 0 && totalSteps == c.totalSteps
                && Double.compare(pctStart, c.pctStart) == 0 && Double.compare(divFactor, c.divFactor) == 0
                && Double.compare(finalDivFactor, c.finalDivFactor) == 0 && anneal == c.anneal
                && threePhase == c.threePhase && Objects.equals(momentum, c.momentum);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxRate, totalSteps, pctStart, divFactor, finalDivFactor, anneal, threePhase, momentum);
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * Builds a {@link OneCycleSchedule}. Required: {@code setMaxRate}, {@code setTotalSteps}. Optional,
     * with PyTorch's defaults: pct start 0.3, div factor 25, final div factor 1e4, anneal
     * {@link Anneal#COS}, two phases, momentum cycled between 0.85 and 0.95. Validated in {@link #build()}.
     */
    public static final class Builder {
        private double maxRate = Double.NaN;
        private long totalSteps;
        private double pctStart = 0.3;
        private double divFactor = 25.0;
        private double finalDivFactor = 1e4;
        private Anneal anneal = Anneal.COS;
        private boolean threePhase;
        private boolean cycleMomentum = true;
        private MomentumRange momentum = MomentumRange.ONE_CYCLE_DEFAULT;

        private Builder() {
        }

        /**
         * @param rate the peak rate ({@code max_lr}), {@code > 0}
         * @return this builder
         */
        public Builder setMaxRate(double rate) {
            this.maxRate = rate;
            return this;
        }

        /**
         * @param steps the length of the cycle ({@code total_steps}), {@code > 0}
         * @return this builder
         */
        public Builder setTotalSteps(long steps) {
            this.totalSteps = steps;
            return this;
        }

        /**
         * @param pct the fraction spent increasing the rate ({@code pct_start}), in (0, 1]
         * @return this builder
         */
        public Builder optPctStart(double pct) {
            this.pctStart = pct;
            return this;
        }

        /**
         * @param factor {@code max / initial} ({@code div_factor}), {@code > 0}
         * @return this builder
         */
        public Builder optDivFactor(double factor) {
            this.divFactor = factor;
            return this;
        }

        /**
         * @param factor {@code initial / min} ({@code final_div_factor}), {@code > 0}
         * @return this builder
         */
        public Builder optFinalDivFactor(double factor) {
            this.finalDivFactor = factor;
            return this;
        }

        /**
         * @param anneal the curve within each phase ({@code anneal_strategy})
         * @return this builder
         */
        public Builder optAnneal(Anneal anneal) {
            this.anneal = anneal;
            return this;
        }

        /**
         * @param threePhase whether to use PyTorch's {@code three_phase} layout
         * @return this builder
         */
        public Builder optThreePhase(boolean threePhase) {
            this.threePhase = threePhase;
            return this;
        }

        /**
         * @param cycle whether momentum is cycled ({@code cycle_momentum})
         * @return this builder
         */
        public Builder optCycleMomentum(boolean cycle) {
            this.cycleMomentum = cycle;
            return this;
        }

        /**
         * @param range the momentum bounds ({@code base_momentum}, {@code max_momentum})
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
        public OneCycleSchedule build() {
            return new OneCycleSchedule(this);
        }
    }
}
