package dermaseg.spark;

import dermaseg.io.Sha256;
import java.util.regex.Pattern;

/**
 * Object keys derived from image ids that cannot leave the output prefix. Ids come from file
 * names chosen by whoever filled the input bucket: they may hold slashes, {@code ..}, spaces or
 * control characters. Only {@code [A-Za-z0-9._-]} survive; anything else becomes {@code _}, and
 * a changed id gets a short hash of the original so that two ids never collapse into one key.
 */
public final class SafeKeys {
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final int MAX_LENGTH = 160;

    private SafeKeys() {
    }

    /** A file name for {@code id}: no separators, never {@code .} or {@code ..}, at most 180 chars. */
    public static String fileName(String id, String extension) {
        String safe = UNSAFE.matcher(id).replaceAll("_");
        boolean changed = !safe.equals(id) || safe.isEmpty() || safe.startsWith(".") || safe.length() > MAX_LENGTH;
        if (safe.startsWith(".")) {
            safe = "_" + safe.substring(1);
        }
        if (safe.length() > MAX_LENGTH) {
            safe = safe.substring(0, MAX_LENGTH);
        }
        if (changed) {
            safe = safe + "-" + shortHash(id);
        }
        return safe + extension;
    }

    private static String shortHash(String id) {
        return Sha256.hex(id).substring(0, 8);
    }
}
