package dermaseg.dataset;

import dermaseg.io.Sha256;
import java.util.List;
import java.util.TreeSet;

/**
 * A pair's content hash: what decides whether a re-run must process the pair again. It is the
 * SHA-256 of a short text that lists the SHA-256 of each distinct image content, then of each
 * distinct mask content, one per line, sorted:
 *
 * <pre>
 * image 3f5a…(64 hex digits)
 * mask 9c01…
 * </pre>
 *
 * <p>So it covers every byte of the image and mask files (for the usual pair, one line each), yet
 * not their names or folders: moving a file, or uploading an identical second copy, changes
 * nothing, while editing a mask, adding a conflicting file or deleting one side does. Hashing the
 * two digests rather than the concatenated bytes keeps the boundary between image and mask
 * unambiguous and lets each file be hashed once, as it is read. A file too large to read stands
 * for itself as {@code unread:<length>}, one that could not be read at all as
 * {@code unreadable:<uri>}.
 */
public final class ContentHash {
    private ContentHash() {
    }

    /** The pair's content hash in 64 hex digits; either list may be empty (a missing side). */
    public static String of(List<SourceFile> images, List<SourceFile> masks) {
        StringBuilder text = new StringBuilder();
        append(text, "image", images);
        append(text, "mask", masks);
        return Sha256.hex(text.toString());
    }

    private static void append(StringBuilder text, String side, List<SourceFile> files) {
        TreeSet<String> distinct = new TreeSet<>();
        for (SourceFile f : files) {
            distinct.add(f.contentKey());
        }
        for (String key : distinct) {
            text.append(side).append(' ').append(key).append('\n');
        }
    }
}
