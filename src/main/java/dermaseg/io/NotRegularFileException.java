package dermaseg.io;

import java.io.IOException;

/**
 * Something listed or named as an input that is not a regular file: a FIFO, a socket, a device, a
 * directory or a dangling symbolic link. Refused before it is opened, so that it costs a
 * metadata lookup, never a blocked read.
 */
public final class NotRegularFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param kind what it is instead, e.g. "a FIFO" */
    public NotRegularFileException(String location, String kind) {
        super(location + " is " + kind + ", not a regular file");
    }
}
