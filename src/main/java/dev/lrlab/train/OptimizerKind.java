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
    ADAM("adam");

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
        return this != SGD;
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
