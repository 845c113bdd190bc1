package dermaseg.dataset;

import java.util.HexFormat;

/**
 * One input file of a pair as read by the prepare job: its URI, length, bytes and their SHA-256.
 * A file longer than the byte limit is never read: it has a length but neither bytes nor digest,
 * and the pair is refused as {@code too_large}.
 *
 * @param uri    where the file was listed
 * @param length its length in bytes
 * @param bytes  its contents, or null when it was too large to read
 * @param sha256 SHA-256 of {@code bytes} in hex, or null when not read
 */
public record SourceFile(String uri, long length, byte[] bytes, String sha256) {
    /** A file read whole. */
    public static SourceFile read(String uri, byte[] bytes) {
        return new SourceFile(uri, bytes.length, bytes, HexFormat.of().formatHex(ContentHash.sha256(bytes)));
    }

    /** A file left unread because it is longer than the limit. */
    public static SourceFile unread(String uri, long length) {
        return new SourceFile(uri, length, null, null);
    }

    public boolean wasRead() {
        return bytes != null;
    }

    /** What identifies the contents: the digest, or the length of a file too large to read. */
    String contentKey() {
        return wasRead() ? sha256 : "unread:" + length;
    }
}
