package dermaseg.fcn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NativeHeapTest {
    @Test
    void glibcTakesTheThresholds() {
        // The build machines run Debian (glibc): mallopt must accept both settings there.
        assertTrue(NativeHeap.apply("true", Map.of(), "Linux"));
    }

    @Test
    void aUsersChoiceIsLeftAlone() {
        assertFalse(NativeHeap.apply("false", Map.of(), "Linux"));
        assertFalse(NativeHeap.apply("true", Map.of("MALLOC_TRIM_THRESHOLD_", "1000000"), "Linux"));
        assertFalse(NativeHeap.apply("true", Map.of("MALLOC_MMAP_THRESHOLD_", "1000000"), "Linux"));
    }

    @Test
    void otherSystemsAreLeftAlone() {
        assertFalse(NativeHeap.apply("true", Map.of(), "Mac OS X"));
    }
}
