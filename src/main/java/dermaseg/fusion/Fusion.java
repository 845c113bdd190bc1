package dermaseg.fusion;

import dermaseg.image.FloatMap;

/**
 * Linear fusion of the global and local maps, {@code S = w·P_g + (1−w)·P_l}, as in Bozorgtabar
 * et al. (IBM J. Res. Dev. 2017): the FCN map carries the global shape and context, the
 * superpixel map the colour-true border at full resolution.
 */
public final class Fusion {
    private Fusion() {
    }

    public static FloatMap fuse(FloatMap global, FloatMap local, double globalWeight) {
        if (global.width() != local.width() || global.height() != local.height()) {
            throw new IllegalArgumentException("maps differ in size: " + global.width() + "x"
                    + global.height() + " and " + local.width() + "x" + local.height());
        }
        float w = (float) globalWeight;
        float[] g = global.data();
        float[] l = local.data();
        float[] s = new float[g.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = w * g[i] + (1 - w) * l[i];
        }
        return new FloatMap(global.width(), global.height(), s);
    }
}
