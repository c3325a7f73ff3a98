package dev.lrlab.rangetest.batch;

import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * A cluster engine that runs the range tests of a batch, found with {@link ServiceLoader}: the core build has none,
 * the Spark build ({@code mvn -Pspark package}) adds {@code spark}.
 */
public interface RangeTestEngine {

    /** @return the engine's name, e.g. {@code spark} */
    String name();

    /**
     * Connects to the cluster.
     *
     * @param master the cluster's address; empty for the engine's default (its launcher's setting, else local)
     * @param log told about the connection in one-line messages
     * @return the executor; close it to disconnect
     * @throws dev.lrlab.LrlabException (USAGE) when the address is not one the engine accepts
     */
    RangeTestExecutor open(Optional<String> master, Consumer<String> log);

    /**
     * @param name an engine's name
     * @return the engine of that name on the class path, if any; empty too when the class path names an engine
     *     whose classes are missing (a build left over from the Spark profile)
     */
    static Optional<RangeTestEngine> find(String name) {
        try {
            for (RangeTestEngine engine : ServiceLoader.load(RangeTestEngine.class)) {
                if (engine.name().equals(name)) {
                    return Optional.of(engine);
                }
            }
        } catch (ServiceConfigurationError e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
