package dermaseg.dataset;

import dermaseg.io.Sha256;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The train/validation/test split, as a pure function of a pair's id: the first 53 bits of
 * SHA-256 of the id's UTF-8 bytes (big-endian), divided by 2^53, give a number uniform in [0, 1)
 * and exactly representable as a double; the split is the first whose cumulative ratio (train,
 * then validation, then test) exceeds it. In Python:
 * {@code int.from_bytes(hashlib.sha256(id.encode()).digest()[:8], "big") >> 11) / 2**53}.
 *
 * <p>Why a cryptographic hash and not {@link String#hashCode()}: ids such as {@code ISIC_0000123}
 * differ in a few trailing characters, and {@code hashCode} maps such neighbours to neighbouring
 * integers, so bucketing its value would put runs of consecutive ids in one split. SHA-256 spreads
 * them uniformly, is specified independently of Java (any tool can recompute a split), and never
 * changes between JVMs. Because the split depends only on the id and the ratios, a pair never
 * moves to another split when the corpus grows or its files change, so no validation or test pair
 * ever leaks into training; the dataset records its ratios and refuses to be extended with others.
 */
public final class SplitRatios implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";
    /** How far the ratios may sum from 1, for decimal fractions such as 0.7 + 0.2 + 0.1. */
    private static final double TOLERANCE = 1e-9;

    private final double train;
    private final double validation;
    private final double test;

    public SplitRatios(double train, double validation, double test) {
        if (!(train >= 0 && validation >= 0 && test >= 0)) {
            throw new IllegalArgumentException("split ratios must be non-negative numbers, got "
                    + train + ", " + validation + ", " + test);
        }
        if (Math.abs(train + validation + test - 1) > TOLERANCE) {
            throw new IllegalArgumentException("split ratios must sum to 1, got " + (train + validation + test));
        }
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    /** 80 % training, 10 % validation (model selection), 10 % held-out test. */
    public static SplitRatios defaults() {
        return new SplitRatios(0.8, 0.1, 0.1);
    }

    /**
     * Parses {@code train=0.8,validation=0.1,test=0.1}; an omitted split gets ratio 0, and the
     * ratios must sum to 1.
     */
    public static SplitRatios parse(String text) {
        Map<String, Double> ratios = new LinkedHashMap<>(Map.of(TRAIN, 0.0, VALIDATION, 0.0, TEST, 0.0));
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=", 2);
            String name = kv[0].trim().toLowerCase(Locale.ROOT);
            if (kv.length != 2 || !ratios.containsKey(name)) {
                throw new IllegalArgumentException("expected train=R,validation=R,test=R, got '" + text + "'");
            }
            try {
                ratios.put(name, Double.parseDouble(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a ratio: '" + kv[1].trim() + "' in '" + text + "'", e);
            }
        }
        return new SplitRatios(ratios.get(TRAIN), ratios.get(VALIDATION), ratios.get(TEST));
    }

    /** Where {@code id} falls in [0, 1): the first 53 bits of SHA-256(id) over 2^53. */
    public static double unitHash(String id) {
        byte[] digest = Sha256.digest(id.getBytes(StandardCharsets.UTF_8));
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (digest[i] & 0xff);
        }
        return (bits >>> 11) * 0x1.0p-53;
    }

    /** The split of {@code id}: {@link #TRAIN}, {@link #VALIDATION} or {@link #TEST}. */
    public String assign(String id) {
        double u = unitHash(id);
        if (u < train) {
            return TRAIN;
        }
        return u < train + validation ? VALIDATION : TEST;
    }

    /** Split name to ratio, in the order train, validation, test. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(TRAIN, train);
        m.put(VALIDATION, validation);
        m.put(TEST, test);
        return m;
    }

    /** Exact: ratios parsed from the same text, or read back from a dataset's JSON, compare equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SplitRatios r && Double.compare(r.train, train) == 0
                && Double.compare(r.validation, validation) == 0 && Double.compare(r.test, test) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(train, validation, test);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "train=%s,validation=%s,test=%s", train, validation, test);
    }
}
