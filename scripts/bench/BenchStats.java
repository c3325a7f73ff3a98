import java.util.Arrays;
import java.util.Random;

/** Statistics the benchmarks print: medians, trimmed means and a bootstrap interval of a ratio of medians. */
final class BenchStats {
    private BenchStats() {
    }

    /** 5th and 95th percentiles of median(a)/median(b) over repetitions drawn with replacement. */
    static double[] bootstrapRatio(double[] a, double[] b, Random random) {
        int n = a.length;
        double[] ratios = new double[2000];
        double[] ra = new double[n];
        double[] rb = new double[n];
        for (int k = 0; k < ratios.length; k++) {
            for (int i = 0; i < n; i++) {
                int j = random.nextInt(n);
                ra[i] = a[j];
                rb[i] = b[j];
            }
            ratios[k] = median(ra) / median(rb);
        }
        Arrays.sort(ratios);
        return new double[] {ratios[ratios.length / 20], ratios[ratios.length - 1 - ratios.length / 20]};
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double trimmedMean(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int cut = sorted.length / 4;
        return Arrays.stream(sorted, cut, sorted.length - cut).average().orElseThrow();
    }
}
