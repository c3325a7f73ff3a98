package dev.lrlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.OptimizerOptions;

class SessionOptionsTest {
    @Test
    void defaultsLeaveTheConfigEmpty() {
        assertEquals(ConfigProto.getDefaultInstance(), SessionOptions.defaults().configProto());
        assertTrue(SessionOptions.defaults().isDefault());
        assertEquals("threads auto/auto (intra-op/inter-op), xla off", SessionOptions.defaults().describe());
    }

    @Test
    void threadsAndXlaGoIntoTheConfig() {
        ConfigProto config = new SessionOptions(2, 1, true).configProto();
        assertEquals(2, config.getIntraOpParallelismThreads());
        assertEquals(1, config.getInterOpParallelismThreads());
        OptimizerOptions optimizer = config.getGraphOptions().getOptimizerOptions();
        assertEquals(OptimizerOptions.GlobalJitLevel.ON_1, optimizer.getGlobalJitLevel());
        assertTrue(optimizer.getCpuGlobalJit(), "without cpu_global_jit TensorFlow clusters nothing on the CPU");
        assertFalse(new SessionOptions(2, 1, true).isDefault());
        assertEquals("threads 2/1 (intra-op/inter-op), xla on", new SessionOptions(2, 1, true).describe());
    }

    @Test
    void configureKeepsWhatTheConfigAlreadyHolds() {
        ConfigProto.Builder builder = ConfigProto.newBuilder().setAllowSoftPlacement(true);
        builder.getGraphOptionsBuilder().getOptimizerOptionsBuilder().setDoConstantFolding(true);
        ConfigProto config = new SessionOptions(0, 3, true).configure(builder).build();
        assertTrue(config.getAllowSoftPlacement());
        assertTrue(config.getGraphOptions().getOptimizerOptions().getDoConstantFolding());
        assertEquals(3, config.getInterOpParallelismThreads());
        assertEquals(OptimizerOptions.GlobalJitLevel.ON_1, config.getGraphOptions().getOptimizerOptions().getGlobalJitLevel());
    }

    @Test
    void withThreadsSetsBothPoolsAndKeepsXla() {
        assertEquals(new SessionOptions(4, 4, true), new SessionOptions(1, 2, true).withThreads(4));
    }

    @Test
    void refusesNegativeAndAbsurdThreadCounts() {
        LrlabException negative = assertThrows(LrlabException.class, () -> new SessionOptions(-1, 0, false));
        assertEquals(LrlabException.Kind.SETTING, negative.kind());
        assertEquals("`intraOpThreads` must be 0 (TensorFlow's choice) to 1024, found -1", negative.getMessage());
        LrlabException huge = assertThrows(LrlabException.class, () -> new SessionOptions(1, 5000, false));
        assertEquals("`interOpThreads` must be 0 (TensorFlow's choice) to 1024, found 5000", huge.getMessage());
    }
}
