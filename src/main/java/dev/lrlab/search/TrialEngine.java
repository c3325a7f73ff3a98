package dev.lrlab.search;

import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * A cluster engine that runs search trials, found with {@link java.util.ServiceLoader}: the core build has none, the
 * Spark build ({@code mvn -Pspark package}) adds {@code spark}.
 */
public interface TrialEngine {

    /** @return the engine's name, e.g. {@code spark} */
    String name();

    /**
     * Connects to the cluster.
     *
     * @param recipe how a task makes its trial's spec and settings
     * @param modelUri where the tasks read the model: a local path every machine has, or a URI of a file system the
     *     engine reads (the task copies the folder to its local disk first)
     * @param master the cluster's address; empty for the engine's default (its launcher's setting, else local)
     * @param log told about the connection in one-line messages
     * @return the executor; close it to disconnect
     * @throws dev.lrlab.LrlabException (USAGE) when the address is not one the engine accepts
     */
    TrialExecutor open(TrialRecipe recipe, String modelUri, Optional<String> master, Consumer<String> log);

    /**
     * @param name an engine's name
     * @return the engine of that name on the class path, if any; empty too when the class path names an engine
     *     whose classes are missing (a build left over from the Spark profile)
     */
    static Optional<TrialEngine> find(String name) {
        try {
            for (TrialEngine engine : ServiceLoader.load(TrialEngine.class)) {
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
