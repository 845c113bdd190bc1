package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dermaseg.image.DecodeFailure;
import dermaseg.image.ImageDecodeException;
import dermaseg.io.HadoopFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class InputFailureTest {

    @Test
    void eachKindOfFailureHasItsOwnReason() {
        assertEquals("too_large", InputFailure.of(new HadoopFiles.FileTooLargeException(10, 5)).reason());
        assertEquals("missing", InputFailure.of(new FileNotFoundException("s3a://b/x.jpg")).reason());
        assertEquals("truncated", InputFailure.of(new ImageDecodeException(DecodeFailure.TRUNCATED, "ends early")).reason());
        assertEquals("unreadable", InputFailure.of(new IOException("connection reset")).reason());
        assertEquals("decode_failed", InputFailure.of(new IllegalStateException("odd")).reason());
    }

    @Test
    void anUnexpectedFailureNamesItsClassInTheDetail() {
        assertEquals("IllegalStateException: odd", InputFailure.of(new IllegalStateException("odd")).detail());
        assertEquals("connection reset", InputFailure.of(new IOException("connection reset")).detail());
    }
}
