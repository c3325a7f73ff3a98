package dev.lrlab.fit;

import dev.lrlab.rangetest.RangeTestPoint;
import dev.lrlab.rangetest.RangeTestSetup;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StepRow;
import dev.lrlab.training.TrainSettings;

/**
 * Hears a fit as it runs, e.g. to write its curves row by row. Every method does nothing by default.
 */
public interface FitListener {
    /** A listener that ignores everything. */
    FitListener NONE = new FitListener() {
    };

    /**
     * @param run a run the fit has opened (loaded, data split), before its first step: the range test's and training's,
     *     or for the hypergradient policy first the range test's, then the training's
     */
    default void onPrepared(PreparedRun run) {
    }

    /** @param setup what the range test runs on, before its first step */
    default void onRangeTestStart(RangeTestSetup setup) {
    }

    /** @param point a point of the range test, as soon as it is computed */
    default void onRangeTestPoint(RangeTestPoint point) {
    }

    /** @param choice the rate chosen, before training starts */
    default void onChoice(RateChoice choice) {
    }

    /**
     * @param factor 1 for the training at the chosen rate, else the comparison's factor
     * @param settings its steps and schedule
     * @param spec the run it trains (its optimizer says whether the curve has momentum and hypergradient columns)
     * @param accuracy whether the model's objective measures accuracy (a classifier)
     */
    default void onTrainingStart(double factor, TrainSettings settings, RunSpec spec, boolean accuracy) {
    }

    /**
     * @param factor 1 for the training at the chosen rate, else the comparison's factor
     * @param row a step of that training, as soon as it is computed
     */
    default void onStep(double factor, StepRow row) {
    }
}
