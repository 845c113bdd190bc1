package dermaseg.testing;

import dermaseg.image.BinaryMask;

/** Masks drawn as text in tests: rows of {@code '#'} (lesion) and {@code '.'} (skin). */
public final class AsciiMasks {
    private AsciiMasks() {
    }

    public static BinaryMask mask(String... rows) {
        int w = rows[0].length();
        byte[] p = new byte[w * rows.length];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < w; x++) {
                if (rows[y].charAt(x) == '#') {
                    p[y * w + x] = BinaryMask.ON;
                }
            }
        }
        return new BinaryMask(w, rows.length, p);
    }
}
