package dev.lrlab.train;

import dev.lrlab.LrlabException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The optimizers lrlab builds in the graph. Their exact update rules are documented on each rule class. */
public enum OptimizerKind {
    /** Plain SGD, see {@link SgdRule}. */
    SGD("sgd"),
    /** SGD with heavy-ball momentum (PyTorch {@code SGD(momentum=mu)}), see {@link MomentumRule}. */
    MOMENTUM("momentum"),
    /** SGD with Nesterov momentum (PyTorch {@code SGD(momentum=mu, nesterov=True)}), see {@link MomentumRule}. */
    NESTEROV("nesterov"),
    /** Adam (PyTorch {@code Adam}), see {@link AdamRule}. */
    ADAM("adam"),
    /** SGD with hypergradient descent on the rate (Baydin et al. 2018), see {@link SgdHdRule}. */
    SGD_HD("sgd-hd"),
    /** Nesterov SGD with hypergradient descent on the rate, see {@link SgdnHdRule}. */
    SGDN_HD("sgdn-hd"),
    /** Adam with hypergradient descent on the rate, see {@link AdamHdRule}. */
    ADAM_HD("adam-hd");

    private final String cliName;

    OptimizerKind(String cliName) {
        this.cliName = cliName;
    }

    /** @return the command-line name */
    public String cliName() {
        return cliName;
    }

    /** @return whether the optimizer uses the fed momentum scalar (beta1 for Adam) */
    public boolean usesMomentum() {
        return this != SGD && this != SGD_HD;
    }

    /**
     * @return whether the optimizer adapts its rate in the graph by hypergradient descent: the fed rate is then
     *     alpha_(t-1) and each step returns alpha_t and h_t
     */
    public boolean isHypergradient() {
        return this == SGD_HD || this == SGDN_HD || this == ADAM_HD;
    }

    /**
     * @return the optimizer this one becomes when its rate is held fixed: {@link #SGD} for {@link #SGD_HD},
     *     {@link #NESTEROV} for {@link #SGDN_HD}, {@link #ADAM} for {@link #ADAM_HD}; itself for the others
     */
    public OptimizerKind fixedRateKind() {
        return switch (this) {
            case SGD_HD -> SGD;
            case SGDN_HD -> NESTEROV;
            case ADAM_HD -> ADAM;
            default -> this;
        };
    }

    /**
     * @return the hypergradient optimizer that adapts this one's rate: {@link #SGD_HD} for {@link #SGD},
     *     {@link #SGDN_HD} for {@link #MOMENTUM} and {@link #NESTEROV}, {@link #ADAM_HD} for {@link #ADAM}; itself
     *     for the hypergradient ones
     */
    public OptimizerKind hypergradientKind() {
        return switch (this) {
            case SGD -> SGD_HD;
            case MOMENTUM, NESTEROV -> SGDN_HD;
            case ADAM -> ADAM_HD;
            default -> this;
        };
    }

    /**
     * @param name a command-line name
     * @return the optimizer of that name
     */
    public static OptimizerKind fromCliName(String name) {
        return Arrays.stream(values()).filter(k -> k.cliName.equals(name)).findFirst().orElseThrow(() ->
                LrlabException.usage("unknown optimizer '" + name + "'; use one of: "
                        + Arrays.stream(values()).map(OptimizerKind::cliName).collect(Collectors.joining(", "))));
    }
}
