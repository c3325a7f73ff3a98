package dev.lrlab.suggest;

/**
 * Exponential moving average of the loss with bias correction, as in fastai's and Leslie Smith's
 * range tests: after the k-th loss (k counted from 0)
 * <pre>
 *   avg      = beta * avg + (1 - beta) * loss        (avg starts at 0)
 *   smoothed = avg / (1 - beta^(k+1))
 * </pre>
 * The correction makes the first smoothed value equal the first loss. A NaN or infinite loss makes
 * every later value NaN or infinite; the divergence check stops a run before that matters.
 *
 * <p>An instance keeps the running average of one run and is not thread-safe.
 */
public final class LossSmoother {
    /** The usual smoothing factor. */
    public static final double DEFAULT_BETA = 0.98;

    private final double beta;
    private double average;
    private double betaPower = 1;
    private int count;

    /** A smoother with {@link #DEFAULT_BETA}. */
    public LossSmoother() {
        this(DEFAULT_BETA);
    }

    /**
     * @param beta the weight of the past, in [0, 1); 0 means no smoothing
     * @throws IllegalArgumentException when beta is outside [0, 1)
     */
    public LossSmoother(double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("expected a smoothing beta in [0, 1), found " + beta);
        }
        this.beta = beta;
    }

    /**
     * Adds the next loss.
     *
     * @param loss the raw loss of one step
     * @return the smoothed loss including this step
     */
    public double add(double loss) {
        average = beta * average + (1 - beta) * loss;
        betaPower *= beta;
        count++;
        return smoothed();
    }

    /**
     * @return the current smoothed loss
     * @throws IllegalStateException before the first {@link #add}
     */
    public double smoothed() {
        if (count == 0) {
            throw new IllegalStateException("no loss added yet");
        }
        return average / (1 - betaPower);
    }

    /** @return how many losses were added */
    public int count() {
        return count;
    }

    /** @return the smoothing factor */
    public double beta() {
        return beta;
    }

    /**
     * The number of recent losses the average effectively spans, {@code round(1 / (1 - beta))}: 50 for 0.98,
     * 10 for 0.9, 1 for 0 (no smoothing). After fewer steps than this the smoothed loss still leans on the
     * first few losses.
     *
     * @param beta the weight of the past, in [0, 1)
     * @return the window in steps, at least 1 (at most {@link Integer#MAX_VALUE})
     * @throws IllegalArgumentException when beta is outside [0, 1)
     */
    public static int window(double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("expected a smoothing beta in [0, 1), found " + beta);
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.round(1 / (1 - beta)));
    }

    /**
     * Smooths a whole curve.
     *
     * @param losses raw losses in step order
     * @param beta the weight of the past, in [0, 1)
     * @return the smoothed losses, same length
     */
    public static double[] smooth(double[] losses, double beta) {
        LossSmoother smoother = new LossSmoother(beta);
        double[] out = new double[losses.length];
        for (int i = 0; i < losses.length; i++) {
            out[i] = smoother.add(losses[i]);
        }
        return out;
    }
}
