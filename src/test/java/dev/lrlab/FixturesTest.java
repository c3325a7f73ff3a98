package dev.lrlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing fixture skips a test in a developer's clone and fails it where its set is required (CI). */
class FixturesTest {
    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(Fixtures.REQUIRE_PROPERTY);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(Fixtures.REQUIRE_PROPERTY);
        } else {
            System.setProperty(Fixtures.REQUIRE_PROPERTY, saved);
        }
    }

    @Test
    void missingDataSkipsWhenNothingIsRequired() {
        System.clearProperty(Fixtures.REQUIRE_PROPERTY);
        assertEquals(Set.of(), Fixtures.required());
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> Fixtures.require(Fixtures.SHARED, false, "shared fixture x not found"));
        assertEquals("Assumption failed: shared fixture x not found", e.getMessage());
    }

    @Test
    void missingDataFailsAndIsNamedWhenItsSetIsRequired() {
        System.setProperty(Fixtures.REQUIRE_PROPERTY, " shared , fashion-mnist");
        assertEquals(Set.of("shared", "fashion-mnist"), Fixtures.required());
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Fixtures.require(Fixtures.FASHION_MNIST, false, "/x/t10k not found"));
        assertEquals("/x/t10k not found (required: lrlab.requireFixtures= shared , fashion-mnist)", e.getMessage());
        // Another set still skips; present data passes either way.
        assertThrows(TestAbortedException.class, () -> Fixtures.require(Fixtures.CORPUS, false, "corpus model"));
        Fixtures.require(Fixtures.SHARED, true, "never reported");
    }
}
