/**
 * The learning-rate range test (Smith 2017; fastai's {@code lr_find}): its settings, the sweep, its result and the
 * files it writes. The short route from Java is {@code RangeTest.run(PreparedRun.open(spec))}, then
 * {@link dev.lrlab.rangetest.RangeTestResult#suggestedLr()} and {@link dev.lrlab.rangetest.RangeTestOutputs#write},
 * which writes the files of {@code lrlab range-test} through the same code as the command.
 */
package dev.lrlab.rangetest;
