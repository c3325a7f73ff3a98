package dev.lrlab.train;

/**
 * The hypergradient optimizers written out in plain double arithmetic for the linear model
 * {@code y = x . w + b} with loss {@code mean((y - t)^2)}, straight from the formulas of Baydin et al. (2018):
 * gradients {@code g_w = 2/m X^T r}, {@code g_b = 2/m sum(r)} with {@code r = Xw + b - t};
 * {@code h_t = g_t . grad_alpha u_(t-1)}; the rate rule; then the step with {@code alpha_t}. Tests compare the
 * graph against it.
 */
final class HypergradientReference {
    /** What one step gives: the loss before the update, h_t and alpha_t. */
    record Step(double loss, double h, double alpha) {
    }

    private final OptimizerKind kind;
    private final HypergradientSettings settings;
    private final double beta2;
    private final double epsilon;
    private final double[] theta;
    private final double[] gradAlphaU;
    private final double[] buffer;
    private final double[] m;
    private final double[] v;
    private int t;

    /**
     * @param kind SGD_HD, SGDN_HD or ADAM_HD
     * @param settings rate rule
     * @param weights initial w
     * @param bias initial b
     */
    HypergradientReference(OptimizerKind kind, HypergradientSettings settings, double[] weights, double bias) {
        this.kind = kind;
        this.settings = settings;
        this.beta2 = 0.999;
        this.epsilon = 1e-8;
        int n = weights.length + 1;
        theta = new double[n];
        System.arraycopy(weights, 0, theta, 0, weights.length);
        theta[n - 1] = bias;
        gradAlphaU = new double[n];
        buffer = new double[n];
        m = new double[n];
        v = new double[n];
    }

    /**
     * @param x row-major batch features
     * @param labels batch targets
     * @param rows batch size
     * @param alphaPrev alpha_(t-1)
     * @param mu momentum (beta1 for Adam-HD)
     * @return loss, h_t, alpha_t
     */
    Step step(float[] x, float[] labels, int rows, double alphaPrev, double mu) {
        t++;
        int n = theta.length;
        int features = n - 1;
        double[] g = new double[n];
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            double y = theta[n - 1];
            for (int j = 0; j < features; j++) {
                y += x[r * features + j] * theta[j];
            }
            double residual = y - labels[r];
            loss += residual * residual / rows;
            for (int j = 0; j < features; j++) {
                g[j] += 2 * residual * x[r * features + j] / rows;
            }
            g[n - 1] += 2 * residual / rows;
        }
        double h = dot(g, gradAlphaU);
        double alpha;
        if (settings.multiplicative()) {
            double norms = Math.sqrt(dot(g, g)) * Math.sqrt(dot(gradAlphaU, gradAlphaU));
            alpha = norms == 0 ? alphaPrev : alphaPrev * (1 - settings.beta() * h / norms);
        } else {
            alpha = alphaPrev - settings.beta() * h;
        }
        if (settings.hasMinLr()) {
            alpha = Math.max(alpha, settings.minLr());
        }
        if (settings.hasMaxLr()) {
            alpha = Math.min(alpha, settings.maxLr());
        }
        for (int i = 0; i < n; i++) {
            double direction = switch (kind) {
                case SGD_HD -> g[i];
                case SGDN_HD -> {
                    buffer[i] = mu * buffer[i] + g[i];
                    yield g[i] + mu * buffer[i];
                }
                case ADAM_HD -> {
                    m[i] = mu * m[i] + (1 - mu) * g[i];
                    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                    double mHat = m[i] / (1 - Math.pow(mu, t));
                    double vHat = v[i] / (1 - Math.pow(beta2, t));
                    yield mHat / (Math.sqrt(vHat) + epsilon);
                }
                default -> throw new IllegalArgumentException("not a hypergradient optimizer: " + kind);
            };
            theta[i] -= alpha * direction;
            gradAlphaU[i] = -direction;
        }
        return new Step(loss, h, alpha);
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
