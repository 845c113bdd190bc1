package dermaseg.dataset;

import dermaseg.io.Sha256;

/**
 * One input file of a pair as read by the prepare job: its URI, length, bytes and their SHA-256.
 * A file longer than the byte limit is never read: it has a length but neither bytes nor digest,
 * and the pair is refused as {@code too_large}. A file that could not be read at all has neither,
 * and a length of -1; the pair is refused as {@code unreadable}.
 *
 * @param uri    where the file was listed
 * @param length its length in bytes, or -1 when it could not be read
 * @param bytes  its contents, or null when it was too large to read
 * @param sha256 SHA-256 of {@code bytes} in hex, or null when not read
 */
public record SourceFile(String uri, long length, byte[] bytes, String sha256) {
    /** A file read whole. */
    public static SourceFile read(String uri, byte[] bytes) {
        return new SourceFile(uri, bytes.length, bytes, Sha256.hex(bytes));
    }

    /** A file left unread because it is longer than the limit. */
    public static SourceFile unread(String uri, long length) {
        return new SourceFile(uri, length, null, null);
    }

    /** A file that could not be read (access denied, gone since the listing, an I/O error). */
    public static SourceFile unreadable(String uri) {
        return new SourceFile(uri, -1, null, null);
    }

    public boolean wasRead() {
        return bytes != null;
    }

    public boolean isUnreadable() {
        return bytes == null && length < 0;
    }

    /**
     * What identifies the contents: the digest, the length of a file too large to read, or, for
     * a file that could not be read, its URI (so that reading it later changes the pair's hash).
     */
    String contentKey() {
        if (wasRead()) {
            return sha256;
        }
        return isUnreadable() ? "unreadable:" + uri : "unread:" + length;
    }
}
