package dev.lrlab.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;
import org.junit.jupiter.api.Test;

class ComputeDeviceTest {

    @Test
    void parsesEveryForm() {
        assertEquals(ComputeDevice.CPU, ComputeDevice.parse("cpu"));
        assertEquals(ComputeDevice.AUTO, ComputeDevice.parse("auto"));
        assertEquals(ComputeDevice.gpu(0), ComputeDevice.parse("gpu"));
        assertEquals(ComputeDevice.gpu(0), ComputeDevice.parse("gpu:0"));
        assertEquals(ComputeDevice.gpu(3), ComputeDevice.parse(" GPU:3 "));
    }

    @Test
    void writesWhatItParses() {
        for (String text : new String[] {"cpu", "gpu:0", "gpu:7", "auto"}) {
            assertEquals(text, ComputeDevice.parse(text).toString());
        }
        assertEquals("gpu:0", ComputeDevice.parse("gpu").toString());
    }

    @Test
    void refusesOtherTextNamingTheSettingAndTheForms() {
        for (String text : new String[] {"cuda", "gpu:", "gpu:-1", "gpu:x", "cpu:0", "", "gpu:12345"}) {
            LrlabException e = assertThrows(LrlabException.class, () -> ComputeDevice.parse(text));
            assertEquals(LrlabException.Kind.SETTING, e.kind());
            assertEquals("`device` must be cpu, gpu, gpu:N (N = 0 for the first GPU) or auto, found '" + text + "'",
                    e.getMessage());
        }
    }

    @Test
    void refusesANegativeGpuNumber() {
        LrlabException e = assertThrows(LrlabException.class, () -> ComputeDevice.gpu(-1));
        assertEquals("`device` gpu:N needs a GPU number N of 0 or more, found -1", e.getMessage());
    }
}
