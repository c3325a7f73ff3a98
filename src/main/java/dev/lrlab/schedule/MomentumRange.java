package dev.lrlab.schedule;

/**
 * The momentum bounds of a schedule that cycles momentum inversely to the learning rate (Smith,
 * <i>A disciplined approach to neural network hyper-parameters: Part 1</i>, 2018): momentum is
 * {@code max} where the rate is lowest and {@code base} where it peaks.
 *
 * <p>Spec form: {@code base-max}, e.g. {@code momentum=0.85-0.95}.
 *
 * @param base the momentum at the rate's peak, in {@code [0, 1]}
 * @param max the momentum where the rate is lowest, in {@code [base, 1]}
 */
public record MomentumRange(double base, double max) {

    /** PyTorch {@code CyclicLR}'s defaults, 0.8 to 0.9. */
    public static final MomentumRange CYCLIC_DEFAULT = new MomentumRange(0.8, 0.9);

    /** PyTorch {@code OneCycleLR}'s defaults, 0.85 to 0.95. */
    public static final MomentumRange ONE_CYCLE_DEFAULT = new MomentumRange(0.85, 0.95);

    /**
     * Validates the bounds.
     *
     * @param base see the class description
     * @param max see the class description
     * @throws IllegalArgumentException if a value is out of range, naming it with what was expected and found
     */
    public MomentumRange {
        Checks.requireFinite("base momentum", base);
        Checks.requireFinite("max momentum", max);
        if (base < 0 || max > 1 || base > max) {
            throw new IllegalArgumentException("expected momentum range 0 <= base <= max <= 1, found "
                    + SpecText.number(base) + "-" + SpecText.number(max));
        }
    }

    /** @return the spec form {@code base-max} */
    public String describe() {
        return SpecText.number(base) + "-" + SpecText.number(max);
    }
}
