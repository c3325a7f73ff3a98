package dev.lrlab.experiment;

import java.util.Optional;

/**
 * What a {@link HypergradientRun} produced.
 *
 * @param config the settings of the run
 * @param hypergradient the curve with the rate adapted
 * @param baseline the curve with the rate held at alpha0, when the config asked for it
 */
public record HypergradientResult(HypergradientConfig config, HypergradientCurve hypergradient,
        Optional<HypergradientCurve> baseline) {
}
