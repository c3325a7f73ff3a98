package dev.lrlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A float32 .npy is read through a mapping of the file: the same values as a copy, none of them in the heap. */
class NpyMappingTest {
    @TempDir
    Path dir;

    private static float[] values(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.sin(i) * 1e3f;
        }
        return v;
    }

    private static byte[] floats(float[] values, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(order);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    @Test
    void float32FeaturesAreMappedWithTheirValuesInEitherByteOrder() {
        float[] x = values(600);
        float[] y = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1};
        Path labels = TestData.write(dir.resolve("y.npy"), TestData.npy("<f4", "(20,)", floats(y, ByteOrder.LITTLE_ENDIAN)));
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            String descr = order == ByteOrder.LITTLE_ENDIAN ? "<f4" : ">f4";
            Path features = TestData.write(dir.resolve(order == ByteOrder.LITTLE_ENDIAN ? "xl.npy" : "xb.npy"),
                    TestData.npy(descr, "(20, 30)", floats(x, order)));
            Dataset data = new NpyReader().read(features, labels);
            assertTrue(data.featuresMapped(), descr);
            assertArrayEquals(x, data.features(), descr);
            assertEquals(x[7 * 30 + 4], data.feature(7, 4));
            assertArrayEquals(y, data.labels());
            // rows gathered from the mapping are copies of the same values
            Batch batch = data.gather(new int[] {19, 0});
            for (int c = 0; c < 30; c++) {
                assertEquals(x[19 * 30 + c], batch.features()[c]);
                assertEquals(x[c], batch.features()[30 + c]);
            }
            Dataset sampled = data.select(RowSample.uniform(5, 1).indices(20));
            assertFalse(sampled.featuresMapped(), "a selection is copied into the heap");
            assertEquals(5, sampled.size());
        }
    }

    private static byte[] doubles(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    @Test
    void otherDtypesAreConvertedIntoTheHeap() {
        Path x = TestData.write(dir.resolve("x8.npy"), TestData.npy("<f8", "(2, 2)", doubles(1, 2, 3, 4)));
        Path y = TestData.write(dir.resolve("y8.npy"), TestData.npy("<f4", "(2,)", TestData.littleFloats(0, 1)));
        Dataset data = new NpyReader().read(x, y);
        assertFalse(data.featuresMapped());
        assertArrayEquals(new float[] {1, 2, 3, 4}, data.features());
    }
}
