package dev.lrlab.device;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_CloseSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListMemoryBytes;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Message;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;

import dev.lrlab.LrlabException;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;

/**
 * The devices a TensorFlow session made with given settings has, listed through the C API
 * ({@code TF_SessionListDevices} on a session over an empty graph), and which TensorFlow build is on the class path.
 */
public final class TensorFlowDevices {
    /** A resource only the CUDA build of TensorFlow Java's native library has. */
    static final String GPU_BUILD_RESOURCE = "org/tensorflow/internal/c_api/linux-x86_64-gpu/libjnitensorflow.so";

    /**
     * One device of a session.
     *
     * @param name e.g. {@code /job:localhost/replica:0/task:0/device:GPU:0}
     * @param type {@code CPU} or {@code GPU}
     * @param memoryBytes the memory TensorFlow may use on it (for a GPU: what was free when the session started)
     */
    public record Device(String name, String type, long memoryBytes) {
        /** @return whether it is a GPU */
        public boolean isGpu() {
            return type.equals("GPU");
        }
    }

    private TensorFlowDevices() {
    }

    /** @return whether the class path holds TensorFlow's CUDA build (lrlab's Maven profile {@code gpu}) */
    public static boolean isGpuBuild() {
        return TensorFlowDevices.class.getClassLoader().getResource(GPU_BUILD_RESOURCE) != null;
    }

    /**
     * @param config the session settings (e.g. {@link DevicePlacement#configFor})
     * @return the devices a session with those settings has, the CPU first
     * @throws LrlabException (MODEL) when TensorFlow cannot make the session, with its message
     */
    public static List<Device> list(ConfigProto config) {
        TensorFlow.version(); // loads the native library
        TF_Status status = TF_NewStatus();
        TF_Graph graph = TF_NewGraph();
        TF_SessionOptions options = TF_NewSessionOptions();
        TF_Session session = null;
        try {
            byte[] bytes = config.toByteArray();
            try (BytePointer pointer = new BytePointer(bytes)) {
                TF_SetConfig(options, pointer, bytes.length, status);
            }
            check(status, "the session settings");
            session = TF_NewSession(graph, options, status);
            check(status, "a session");
            TF_DeviceList list = TF_SessionListDevices(session, status);
            check(status, "the device list");
            try {
                List<Device> devices = new ArrayList<>();
                for (int i = 0; i < TF_DeviceListCount(list); i++) {
                    String name = TF_DeviceListName(list, i, status).getString();
                    String type = TF_DeviceListType(list, i, status).getString();
                    long memory = TF_DeviceListMemoryBytes(list, i, status);
                    check(status, "device " + i);
                    devices.add(new Device(name, type, memory));
                }
                return devices;
            } finally {
                TF_DeleteDeviceList(list);
            }
        } finally {
            if (session != null) {
                TF_CloseSession(session, status);
                TF_DeleteSession(session, status);
            }
            TF_DeleteSessionOptions(options);
            TF_DeleteGraph(graph);
            TF_DeleteStatus(status);
        }
    }

    private static void check(TF_Status status, String what) {
        if (TF_GetCode(status) != 0) {
            throw LrlabException.model("TensorFlow could not make " + what + " to list its devices: "
                    + TF_Message(status).getString().lines().findFirst().orElse(""));
        }
    }
}
